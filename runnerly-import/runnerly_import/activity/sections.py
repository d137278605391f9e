"""Per-kilometre splits and the device's laps, in Strava's field names (runnerly_core.runs
turns them into the data service's ``Split`` and ``Lap``).

Each step belongs to the section its end falls in, so every metre and second counts once.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import numpy as np

from runnerly_core import runs
from runnerly_core.dates import iso_instant
from runnerly_import.activity import totals
from runnerly_import.activity.samples import Samples

SPLIT_M = 1000.0
# A last "kilometre" this short is the rounding of positions, not a split.
MIN_LAST_SPLIT_M = 10.0


def splits(samples: Samples, moving: np.ndarray) -> list[dict]:
    """Each kilometre cut where the track reaches it (interpolated between samples)."""
    total = float(samples.distance[-1])
    marks = np.arange(SPLIT_M, total, SPLIT_M)
    if total - (marks[-1] if marks.size else 0.0) >= MIN_LAST_SPLIT_M or not marks.size:
        marks = np.append(marks, total)
    times = np.interp(marks, samples.distance, samples.t)
    moved = np.interp(times, samples.t, np.cumsum(samples.dt * moving))
    altitude = _interp_known(times, samples.t, samples.altitude)
    bounds = np.concatenate(([0.0], marks)), np.concatenate(([0.0], times))
    rows = []
    for number in range(1, len(marks) + 1):
        distance = bounds[0][number] - bounds[0][number - 1]
        moving_time = moved[number - 1] - (moved[number - 2] if number > 1 else 0.0)
        inside = (samples.t > bounds[1][number - 1]) & (samples.t <= bounds[1][number])
        rows.append(
            {
                "split": number,
                "distance": round(float(distance), 1),
                "moving_time": round(float(moving_time)),
                "elapsed_time": round(float(bounds[1][number] - bounds[1][number - 1])),
                "average_speed": round(float(distance / moving_time), 3) if moving_time else 0.0,
                "average_heartrate": totals.mean_of(samples.heartrate[inside]),
                "elevation_difference": _difference(altitude, number),
            }
        )
    return [row for row in map(runs.split_row, rows) if row]


def _interp_known(at: np.ndarray, t: np.ndarray, values: np.ndarray) -> np.ndarray | None:
    known = np.isfinite(values)
    if known.sum() < 2:
        return None
    start_value = np.interp(0.0, t[known], values[known])
    return np.concatenate(([start_value], np.interp(at, t[known], values[known])))


def _difference(altitude: np.ndarray | None, number: int) -> float | None:
    return None if altitude is None else round(float(altitude[number] - altitude[number - 1]), 1)


def laps(samples: Samples, moving: np.ndarray, lap_starts: list[datetime]) -> list[dict]:
    offsets = sorted({(start - samples.start).total_seconds() for start in lap_starts})
    offsets = [offset for offset in offsets if 0 <= offset < samples.t[-1]]
    if len(offsets) < 2:
        return []  # one lap is the whole run: nothing Strava would show either
    bounds = [*offsets, float("inf")]
    rows = []
    for number, (first, last) in enumerate(itertools.pairwise(bounds), start=1):
        members = (samples.t > first) & (samples.t <= last)
        if not members.any():
            continue
        row = _section(samples, members, moving)
        row.update(lap_index=number, start_date=iso_instant(samples.start + timedelta(seconds=first)))
        row["max_speed"] = _max_step_speed(samples, members)
        row["average_cadence"] = totals.mean_of(samples.cadence[members], positive_only=True)
        rows.append(row)
    return [row for row in map(runs.lap_row, rows) if row]


def _section(samples: Samples, members: np.ndarray, moving: np.ndarray) -> dict:
    distance = float(samples.step[members].sum())
    moving_time = float(samples.dt[members & moving].sum())
    return {
        "distance": round(distance, 1),
        "moving_time": round(moving_time),
        "elapsed_time": round(float(samples.dt[members].sum())),
        "average_speed": round(distance / moving_time, 3) if moving_time else 0.0,
        "average_heartrate": totals.mean_of(samples.heartrate[members]),
    }


def _max_step_speed(samples: Samples, members: np.ndarray) -> float | None:
    dt = samples.dt[members]
    step = samples.step[members]
    usable = dt >= 1
    return round(float((step[usable] / dt[usable]).max()), 3) if usable.any() else None
