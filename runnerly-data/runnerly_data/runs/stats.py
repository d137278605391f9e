"""Weekly and monthly totals, and personal records.

Both read only the columns they need and aggregate in Python: a runner has thousands of
runs at most, and this keeps one code path for PostgreSQL and SQLite date arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MAX_RANGE_DAYS = 366 * 10
RECORD_DISTANCES = {"1k": 1000.0, "5k": 5000.0, "10k": 10000.0, "half_marathon": 21097.5, "marathon": 42195.0}
NO_SPLITS_TOLERANCE = 1.03  # a run without splits counts if at most 3 % longer


@dataclass(frozen=True)
class RunFigures:
    run_id: int
    day: date
    distance_m: float
    moving_time_s: int
    elevation_gain_m: float | None
    splits: list | None = None


def period_start(day: date, period: str) -> date:
    if period == "weekly":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def period_starts(first: date, last: date, period: str) -> Iterator[date]:
    start = period_start(first, period)
    while start <= last:
        yield start
        start = start + timedelta(days=7) if period == "weekly" else _next_month(start)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def default_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The range to total: a year up to today by default, at most ten years up to ``last``."""
    last = last or today
    first = first or last - timedelta(days=365)
    return max(first, last - timedelta(days=MAX_RANGE_DAYS)), last


def totals(runs: list[RunFigures], first: date, last: date, period: str) -> list[dict]:
    rows = {start: _empty(start) for start in period_starts(first, last, period)}
    for run in runs:
        row = rows[period_start(run.day, period)]
        row["runs"] += 1
        row["distance_m"] = round(row["distance_m"] + run.distance_m, 1)
        row["moving_time_s"] += run.moving_time_s
        row["elevation_gain_m"] = round(row["elevation_gain_m"] + (run.elevation_gain_m or 0), 1)
    return [{**row, "start": start.isoformat()} for start, row in rows.items()]


def _empty(start: date) -> dict:
    return {"runs": 0, "distance_m": 0.0, "moving_time_s": 0, "elevation_gain_m": 0.0}


def records(runs: list[RunFigures]) -> list[dict]:
    found = []
    for name, distance in RECORD_DISTANCES.items():
        best = _fastest(runs, distance)
        if best:
            run, time_s = best
            found.append(
                {
                    "name": name,
                    "distance_m": distance,
                    "time_s": round(time_s, 1),
                    "run_id": run.run_id,
                    "date": run.day.isoformat(),
                }
            )
    if runs:
        longest = max(runs, key=lambda run: (run.distance_m, -run.run_id))
        found.append(
            {
                "name": "longest_run",
                "distance_m": longest.distance_m,
                "time_s": None,
                "run_id": longest.run_id,
                "date": longest.day.isoformat(),
            }
        )
    return found


def _fastest(runs: list[RunFigures], distance: float) -> tuple[RunFigures, float] | None:
    candidates = ((run, best_effort(run, distance)) for run in runs)
    timed = [(run, time_s) for run, time_s in candidates if time_s is not None]
    return min(timed, key=lambda pair: (pair[1], pair[0].day)) if timed else None


def best_effort(run: RunFigures, distance: float) -> float | None:
    """The fastest time over ``distance`` within ``run``, or None if it cannot be told."""
    if run.distance_m < distance or run.moving_time_s <= 0:
        return None
    if run.splits:
        return _fastest_window(run.splits, distance)
    if run.distance_m <= distance * NO_SPLITS_TOLERANCE:
        return run.moving_time_s * distance / run.distance_m
    return None


def _fastest_window(splits: list[dict], distance: float) -> float | None:
    best = None
    for start in range(len(splits)):
        time_s = _window_time(splits, start, distance)
        if time_s is not None and (best is None or time_s < best):
            best = time_s
    return best


def _window_time(splits: list[dict], start: int, distance: float) -> float | None:
    covered, time_s = 0.0, 0.0
    for split in splits[start:]:
        length, seconds = split["distance_m"], split["moving_time_s"]
        if length <= 0:
            continue
        if covered + length >= distance:
            return time_s + seconds * (distance - covered) / length
        covered, time_s = covered + length, time_s + seconds
    return None


# The points of the pace-duration curve: distances a runner races or trains over. Splits are
# per kilometre, so shorter stretches could not be told apart from their kilometre.
CURVE_DISTANCES = (1000.0, 2000.0, 3000.0, 5000.0, 8000.0, 10000.0, 15000.0, 21097.5, 30000.0, 42195.0)


def best_efforts(runs: list[RunFigures]) -> list[dict]:
    """For each curve distance, the fastest stretch of that length in any run: its time is
    the duration the curve plots, with the pace held over it."""
    curve = []
    for distance in CURVE_DISTANCES:
        best = _fastest(runs, distance)
        if best:
            run, time_s = best
            curve.append(
                {
                    "distance_m": distance,
                    "time_s": round(time_s, 1),
                    "pace_s_per_km": round(time_s / distance * 1000, 1),
                    "run_id": run.run_id,
                    "date": run.day.isoformat(),
                }
            )
    return curve
