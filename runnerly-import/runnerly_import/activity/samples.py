"""A track's samples as numpy columns, ordered by time, with the step between each pair.

Distances come from the device when it recorded them for most samples (FIT, TCX: wheel,
footpod or its own filtered GPS), else from the positions by haversine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from runnerly_import.parsing.track import NUMBER_COLUMNS, Refused, Track

EARTH_RADIUS_M = 6_371_000.0  # the mean radius, as Strava and most tools use
MIN_DEVICE_DISTANCE_SHARE = 0.5


@dataclass
class Samples:
    start: datetime
    t: np.ndarray  # seconds since start
    lat: np.ndarray
    lon: np.ndarray
    altitude: np.ndarray
    heartrate: np.ndarray
    cadence: np.ndarray
    step: np.ndarray  # metres from the previous sample (0 for the first)
    distance: np.ndarray  # cumulative metres

    @property
    def dt(self) -> np.ndarray:
        return np.diff(self.t, prepend=self.t[:1])

    def has_positions(self) -> bool:
        return bool(np.isfinite(self.lat).any())


def samples_of(track: Track) -> Samples:
    timed = ~np.isnat(track.time)
    if timed.sum() < 2:
        raise Refused("The track needs at least two points with a time.")
    order = np.flatnonzero(timed)[np.argsort(track.time[timed], kind="stable")]
    when = track.time[order]
    t = (when - when[0]) / np.timedelta64(1, "s")
    lat, lon, altitude, device, heartrate, cadence = (
        getattr(track, name)[order].astype(float) for name in NUMBER_COLUMNS
    )
    step = _steps(lat, lon, device)
    start = when[0].astype(datetime).replace(tzinfo=UTC)
    return Samples(start, t, lat, lon, altitude, heartrate, cadence, step, np.cumsum(step))


def haversine(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in metres (arrays or numbers, degrees)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(d_phi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _steps(lat: np.ndarray, lon: np.ndarray, device: np.ndarray) -> np.ndarray:
    if np.isfinite(device).mean() >= MIN_DEVICE_DISTANCE_SHARE:
        filled = _forward_fill(device)
        return np.clip(np.diff(filled, prepend=filled[:1]), 0, None)
    lat, lon = _forward_fill(lat), _forward_fill(lon)
    step = np.zeros_like(lat)
    step[1:] = haversine(lat[:-1], lon[:-1], lat[1:], lon[1:])
    return np.nan_to_num(step, nan=0.0)


def _forward_fill(values: np.ndarray) -> np.ndarray:
    """Each missing value takes the last one seen (leading gaps take the first one seen)."""
    known = np.isfinite(values)
    if not known.any():
        return np.zeros_like(values)
    index = np.where(known, np.arange(len(values)), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    first = values[np.argmax(known)]
    filled[: np.argmax(known)] = first
    return filled
