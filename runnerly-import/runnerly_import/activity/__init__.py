"""What a run gets from a track: totals, splits, laps, best efforts, map and time zone."""
