"""Where a run was: its time zone from its first position, and its encoded polyline."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polyline

from runnerly_import.activity.samples import Samples

# The data service accepts polylines up to 500,000 characters; a long run at 1 Hz stays
# well under with every point, and a very long one keeps every n-th.
MAX_POLYLINE_POINTS = 20_000


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
    return polyline.encode([tuple(point) for point in kept.round(5).tolist()], 5)
