"""Per ISO week of a plan: the volume planned against the volume actually run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from runnerly_training.dates import monday_of
from runnerly_training.records import Json

NOT_RUNS = ("rest", "cross")  # as the data service's adherence counts


@dataclass
class WeekTally:
    planned_m: float = 0.0
    planned_runs: int = 0
    done_m: float = 0.0
    done_runs: int = 0


def plan_weeks(planned: Sequence[Json]) -> tuple[date, date] | None:
    """The first Monday and the last day of a plan's runs (``None`` without runs)."""
    days = [date.fromisoformat(run["date"]) for run in planned]
    return (monday_of(min(days)), max(days)) if days else None


def weekly_progress(planned: Sequence[Json], done: Iterable[Json], today: date) -> list[Json]:
    span = plan_weeks(planned)
    if span is None:
        return []
    first, last = span
    weeks = {first + timedelta(weeks=n): WeekTally() for n in range((last - first).days // 7 + 1)}
    for run in planned:
        if run["type"] not in NOT_RUNS:
            _count_planned(weeks[monday_of(date.fromisoformat(run["date"]))], run)
    for run in done:
        tally = weeks.get(monday_of(datetime.fromisoformat(run["start_time_local"]).date()))
        if tally is not None:
            tally.done_m += run["distance_m"]
    return [_week_json(monday, tally, today) for monday, tally in sorted(weeks.items())]


def _count_planned(tally: WeekTally, run: Json) -> None:
    tally.planned_m += run.get("distance_m") or 0.0
    tally.planned_runs += 1
    tally.done_runs += run.get("run_id") is not None


def _week_json(monday: date, tally: WeekTally, today: date) -> Json:
    return {
        "week_start": monday.isoformat(),
        "planned_km": round(tally.planned_m / 1000, 1),
        "planned_runs": tally.planned_runs,
        "done_km": round(tally.done_m / 1000, 1) if monday <= today else None,
        "done_runs": tally.done_runs,
    }
