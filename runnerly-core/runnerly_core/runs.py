"""What every source writes into the data service's ``SourcedRun``, kept in its ranges.

The data service refuses a whole bulk batch for one invalid run, so each source (the
Strava sync, the file import) bounds its numbers here the same way: a value outside the
schema's range is dropped, never sent. One set of helpers means a run reads the same
whichever way it came in.
"""

from __future__ import annotations

import re

# Strava's best-effort distances (metres), which the file import computes too.
RECORD_DISTANCES = {
    "400m": 400.0,
    "1/2 mile": 804.672,
    "1k": 1000.0,
    "1 mile": 1609.344,
    "2 mile": 3218.688,
    "5k": 5000.0,
    "10k": 10000.0,
    "15k": 15000.0,
    "10 mile": 16093.44,
    "20k": 20000.0,
    "Half-Marathon": 21097.5,
    "30k": 30000.0,
    "Marathon": 42195.0,
}
MAX_SECONDS = 2_000_000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def seconds(value) -> int:
    return min(max(int(value or 0), 0), MAX_SECONDS)


def bounded(value, low: float, high: float) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    return number if low <= number <= high else None


def text(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    return _CONTROL_CHARACTERS.sub(" ", value)[:limit]


def heart_rates(average, maximum) -> dict:
    """Average and maximum heart rate, or neither when they contradict each other."""
    average, maximum = bounded(average, 20, 250), bounded(maximum, 20, 250)
    if average is not None and maximum is not None and average > maximum:
        return {}  # contradictory: keep neither rather than refuse the batch
    return {"average_heartrate": average, "max_heartrate": maximum}


def without_none(row: dict) -> dict:
    return {key: value for key, value in row.items() if value is not None}


def split_row(split: dict) -> dict | None:
    """One per-km split (``Split`` of the data service) from Strava's field names."""
    distance = bounded(split.get("distance"), 0, 100_000)
    if distance is None:
        return None
    return without_none(
        {
            "split": split.get("split") if 1 <= (split.get("split") or 0) <= 1000 else None,
            "distance_m": distance,
            "moving_time_s": seconds(split.get("moving_time")),
            "elapsed_time_s": seconds(split.get("elapsed_time")) or None,
            "elevation_difference_m": bounded(split.get("elevation_difference"), -10_000, 10_000),
            "average_speed_mps": bounded(split.get("average_speed"), 0, 100),
            "average_heartrate": bounded(split.get("average_heartrate"), 0, 250),
        }
    )


def lap_row(lap: dict) -> dict | None:
    """One lap (``Lap`` of the data service) from Strava's field names."""
    distance = bounded(lap.get("distance"), 0, 1_000_000)
    if distance is None:
        return None
    return without_none(
        {
            "lap_index": lap.get("lap_index") if 0 <= (lap.get("lap_index") or 0) <= 10_000 else None,
            "distance_m": distance,
            "moving_time_s": seconds(lap.get("moving_time")),
            "elapsed_time_s": seconds(lap.get("elapsed_time")) or None,
            "average_speed_mps": bounded(lap.get("average_speed"), 0, 100),
            "max_speed_mps": bounded(lap.get("max_speed"), 0, 100),
            "average_cadence": bounded(lap.get("average_cadence"), 0, 300),
            "start_time": lap.get("start_date"),
        }
    )
