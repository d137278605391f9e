"""What a parser reads from a file: timed samples and the laps the device recorded.

Samples are rows of ``SAMPLE_FIELDS``; a value a file does not have is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

SAMPLE_FIELDS = ("time", "lat", "lon", "altitude", "distance", "heartrate", "cadence")


class Refused(ValueError):
    """The file cannot become a run; the message says why, for the runner to read."""


@dataclass
class Track:
    format: str
    sport: str | None = None  # the file's own word for it ("running", "Biking", "9" ...)
    sub_sport: str | None = None
    name: str | None = None
    # (time: datetime UTC, lat, lon, altitude m, device distance m, heart rate, cadence)
    samples: list[tuple] = field(default_factory=list)
    # When each lap the device recorded started (UTC).
    lap_starts: list[datetime] = field(default_factory=list)
