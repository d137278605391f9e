"""What a parser reads from a file: timed samples as columns, and the laps the device
recorded.

Columns rather than a Python object per point: a bulk export is thousands of tracks of
thousands of points, and numpy turns a column of the file's strings into numbers in C.
A value a file does not have is ``NaT`` (time) or ``NaN`` (numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

NUMBER_COLUMNS = ("lat", "lon", "altitude", "distance", "heartrate", "cadence")


class Refused(ValueError):
    """The file cannot become a run; the message says why, for the runner to read."""


def _empty_times() -> np.ndarray:
    return np.empty(0, dtype="datetime64[us]")


def _empty_numbers() -> np.ndarray:
    return np.empty(0, dtype=float)


@dataclass
class Track:
    format: str
    sport: str | None = None  # the file's own word for it ("running", "Biking", "9" ...)
    sub_sport: str | None = None
    name: str | None = None
    # One entry per sample, in the file's order: UTC times (datetime64[us], NaT when the
    # sample has none), degrees, metres (altitude, the device's cumulative distance), bpm,
    # and cadence as the file counts it.
    time: np.ndarray = field(default_factory=_empty_times)
    lat: np.ndarray = field(default_factory=_empty_numbers)
    lon: np.ndarray = field(default_factory=_empty_numbers)
    altitude: np.ndarray = field(default_factory=_empty_numbers)
    distance: np.ndarray = field(default_factory=_empty_numbers)
    heartrate: np.ndarray = field(default_factory=_empty_numbers)
    cadence: np.ndarray = field(default_factory=_empty_numbers)
    # When each lap the device recorded started (UTC).
    lap_starts: list[datetime] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.time)
