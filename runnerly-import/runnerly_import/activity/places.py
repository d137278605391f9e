"""Where a run was: its time zone from its first position, and its encoded polyline."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from runnerly_import.activity.samples import Samples

# The data service accepts polylines up to 500,000 characters; a long run at 1 Hz stays
# well under with every point, and a very long one keeps every n-th.
MAX_POLYLINE_POINTS = 20_000
PRECISION = 1e5  # Google's format at precision 5, as Strava writes it
CHUNKS = 7  # 5-bit chunks of the largest zig-zagged delta (32 bits)


@lru_cache(maxsize=1)
def _finder():
    """One finder per process: its boundary data (about 40 MB on disk) is opened lazily."""
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def time_zone(samples: Samples) -> str:
    known = np.flatnonzero(np.isfinite(samples.lat) & np.isfinite(samples.lon))
    if not known.size:
        return "UTC"  # a treadmill: no position, no zone to tell
    first = known[0]
    zone = _finder().timezone_at(lng=float(samples.lon[first]), lat=float(samples.lat[first]))
    return zone or "UTC"


def encoded_polyline(samples: Samples) -> str | None:
    known = np.isfinite(samples.lat) & np.isfinite(samples.lon)
    points = np.column_stack((samples.lat[known], samples.lon[known]))
    if len(points) < 2:
        return None
    every = int(np.ceil(len(points) / MAX_POLYLINE_POINTS))
    kept = points[::every] if every > 1 else points
    if every > 1 and not np.array_equal(kept[-1], points[-1]):
        kept = np.vstack((kept, points[-1:]))
    return encode(kept)


def encode(points: np.ndarray) -> str:
    """Google's encoded polyline of (lat, lon) rows, the ``polyline`` package's output to
    the character (the tests compare them) in numpy: that package spends a Python call per
    coordinate, a third of a file's parsing.

    Each coordinate, rounded half away from zero at 5 decimals, is written as the change
    from the previous point's, zig-zagged (sign in the lowest bit) and cut into 5-bit
    chunks, lowest first, each but the last flagged 0x20, each offset by 63."""
    scaled = np.round(points, 5) * PRECISION
    whole = (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int64)
    deltas = np.diff(whole, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    zigzag = np.where(deltas < 0, ~(deltas << 1), deltas << 1)
    shifts = 5 * np.arange(CHUNKS, dtype=np.int64)
    chunks = (zigzag[:, None] >> shifts) & 0x1F
    remaining = zigzag[:, None] >> shifts  # what is left from this chunk on
    written = (remaining > 0) | (shifts == 0)  # a zero writes one chunk
    follows = np.zeros_like(written)
    follows[:, :-1] = written[:, 1:]
    characters = (chunks | np.where(follows, 0x20, 0)) + 63
    return characters[written].astype(np.uint8).tobytes().decode("ascii")
