"""Activity files (GPX, TCX, FIT) read into one :class:`~runnerly_import.parsing.track.Track`."""
