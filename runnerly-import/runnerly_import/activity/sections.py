"""Per-kilometre splits and the device's laps, in Strava's field names (runnerly_core.runs
turns them into the data service's ``Split`` and ``Lap``).

Each step belongs to the section its end falls in, so every metre and second counts once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from runnerly_core import runs
from runnerly_import.activity import totals
from runnerly_import.activity.samples import Samples

SPLIT_M = 1000.0
# A sample a few centimetres past a kilometre (rounded positions) still ends that kilometre.
SPLIT_TOLERANCE_M = 1.0


def splits(samples: Samples, moving: np.ndarray) -> list[dict]:
    index = np.ceil(np.maximum(samples.distance - SPLIT_TOLERANCE_M, 1e-9) / SPLIT_M).astype(int)
    index[0] = 1
    rows = []
    for number in range(1, int(index.max()) + 1):
        members = index == number
        if not members.any():
            continue
        row = _section(samples, members, moving)
        row.update(split=number, elevation_difference=_climb(samples, members))
        rows.append(row)
    return [row for row in map(runs.split_row, rows) if row]


def laps(samples: Samples, moving: np.ndarray, lap_starts: list[datetime]) -> list[dict]:
    offsets = sorted({(start - samples.start).total_seconds() for start in lap_starts})
    offsets = [offset for offset in offsets if 0 <= offset < samples.t[-1]]
    if len(offsets) < 2:
        return []  # one lap is the whole run: nothing Strava would show either
    bounds = [*offsets, float("inf")]
    rows = []
    for number, (first, last) in enumerate(zip(bounds, bounds[1:], strict=False), start=1):
        members = (samples.t > first) & (samples.t <= last)
        if not members.any():
            continue
        row = _section(samples, members, moving)
        row.update(lap_index=number, start_date=_iso(samples.start + timedelta(seconds=first)))
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


def _climb(samples: Samples, members: np.ndarray) -> float | None:
    positions = np.flatnonzero(members)
    before = max(positions[0] - 1, 0)
    altitude = samples.altitude[[before, positions[-1]]]
    return round(float(altitude[1] - altitude[0]), 1) if np.isfinite(altitude).all() else None


def _max_step_speed(samples: Samples, members: np.ndarray) -> float | None:
    dt = samples.dt[members]
    step = samples.step[members]
    usable = dt >= 1
    return round(float((step[usable] / dt[usable]).max()), 3) if usable.any() else None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
