"""Linking runs to the planned runs they fulfil.

A run fulfils an open planned run of the same runner on the same local day; when several
are open that day (a double day), the one whose planned distance is closest wins. Rest and
cross-training days are never fulfilled by a run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_data.plans.models import Plan, PlannedRun
from runnerly_data.runs.models import Run

NOT_RUNS = ("rest", "cross")


def link_runs(session: Session, user_id: int, runs: Iterable[Run]) -> int:
    """Link each run to an open planned run on its day; returns how many were linked."""
    runs = [run for run in runs if run.id is not None]
    if not runs:
        return 0
    days = {run.start_time_local.date() for run in runs}
    open_runs = _open_planned_runs(session, user_id, days)
    taken = _already_linked(session, [run.id for run in runs])
    linked = 0
    for run in sorted(runs, key=lambda r: r.start_time):
        if run.id in taken:
            continue
        planned = _best_match(open_runs, run)
        if planned is not None:
            planned.run_id = run.id
            open_runs.remove(planned)
            linked += 1
    return linked


def link_planned_runs(session: Session, plan: Plan) -> None:
    """Link a new plan's days to runs already done on them."""
    days = {planned.date for planned in plan.runs}
    if not days:
        return
    runs = session.scalars(
        select(Run).where(
            Run.user_id == plan.user_id,
            Run.start_time_local >= _midnight(min(days)),
            Run.start_time_local < _midnight(max(days), 1),
        )
    ).all()
    link_runs(session, plan.user_id, runs)


def _open_planned_runs(session: Session, user_id: int, days: set) -> list[PlannedRun]:
    query = (
        select(PlannedRun)
        .join(Plan)
        .where(
            Plan.user_id == user_id,
            PlannedRun.run_id.is_(None),
            PlannedRun.date.in_(days),
            PlannedRun.type.not_in(NOT_RUNS),
        )
    )
    return list(session.scalars(query))


def _already_linked(session: Session, run_ids: list[int]) -> set[int]:
    query = select(PlannedRun.run_id).where(PlannedRun.run_id.in_(run_ids))
    return set(session.scalars(query))


def _best_match(candidates: list[PlannedRun], run: Run) -> PlannedRun | None:
    same_day = [p for p in candidates if p.date == run.start_time_local.date()]
    if not same_day:
        return None
    return min(same_day, key=lambda p: abs((p.distance_m or run.distance_m) - run.distance_m))


def _midnight(day: date, plus_days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=plus_days), time())
