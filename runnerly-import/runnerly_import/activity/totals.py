"""A run's totals: distance, moving and elapsed time, elevation gain, speeds, heart rate
and cadence. Each rule is simple enough to check by hand (the tests do).

- Moving: a step counts when its speed is at least ``MOVING_SPEED_MPS``; a pause (the watch
  stopped, or the runner stood at a crossing) adds elapsed time, not moving time.
- Elevation gain: climbs are summed through a hysteresis band of ``ELEVATION_BAND_M``, so
  the metre-or-two wobble of GPS or barometric altitude adds nothing, while a real climb
  counts in full.
- Maximum speed: over ``MAX_SPEED_WINDOW_S`` seconds, not one GPS jump between two samples.
"""

from __future__ import annotations

import numpy as np

from runnerly_import.activity.samples import Samples

MOVING_SPEED_MPS = 0.5
ELEVATION_BAND_M = 3.0
MAX_SPEED_WINDOW_S = 5.0


def moving_mask(samples: Samples) -> np.ndarray:
    """For each step (ending at sample i), whether the runner was moving."""
    dt = samples.dt
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt > 0, samples.step / dt, 0.0)
    return (dt > 0) & (speed >= MOVING_SPEED_MPS)


def moving_time(samples: Samples, mask: np.ndarray | None = None) -> float:
    mask = moving_mask(samples) if mask is None else mask
    return float(samples.dt[mask].sum())


def elevation_gain(altitude: np.ndarray, band: float = ELEVATION_BAND_M) -> float | None:
    known = altitude[np.isfinite(altitude)]
    if known.size < 2:
        return None
    gain, reference = 0.0, known[0]
    for value in known[1:]:
        if value - reference >= band:
            gain += value - reference
            reference = value
        elif reference - value >= band:
            reference = value
    return gain


def max_speed(samples: Samples, window: float = MAX_SPEED_WINDOW_S) -> float | None:
    """The fastest speed over any ``window`` seconds (interpolated along the track)."""
    t, distance = samples.t, samples.distance
    if t[-1] - t[0] < window:
        return None
    starts = t[t <= t[-1] - window]
    covered = np.interp(starts + window, t, distance) - np.interp(starts, t, distance)
    return float(covered.max() / window)


def mean_of(values: np.ndarray, positive_only: bool = False) -> float | None:
    known = values[np.isfinite(values)]
    if positive_only:
        known = known[known > 0]
    return round(float(known.mean()), 1) if known.size else None


def max_of(values: np.ndarray) -> float | None:
    known = values[np.isfinite(values)]
    return float(known.max()) if known.size else None
