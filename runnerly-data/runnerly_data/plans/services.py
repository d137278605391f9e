"""Training plans: stored as built by the training service, read with their adherence."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from runnerly_core.dates import parse_date
from runnerly_core.problems import bad_request, conflict, not_found
from runnerly_data.plans.matching import NOT_RUNS, link_planned_runs
from runnerly_data.plans.models import Plan, PlannedRun
from runnerly_data.races.models import Race
from runnerly_data.runs.models import Run
from runnerly_data.users.services import get_user


def list_plans(session: Session, user_id: int) -> list[Plan]:
    get_user(session, user_id)
    query = select(Plan).where(Plan.user_id == user_id).order_by(Plan.created_at.desc(), Plan.id.desc())
    return list(session.scalars(query))


def get_plan(session: Session, user_id: int, plan_id: int) -> Plan:
    query = select(Plan).options(selectinload(Plan.runs)).where(Plan.id == plan_id)
    plan = session.scalar(query)
    if plan is None or plan.user_id != user_id:
        raise not_found(f"User {user_id} has no plan {plan_id}.")
    return plan


def create_plan(session: Session, user_id: int, body: dict) -> Plan:
    get_user(session, user_id)
    race_date = parse_date(body["race_date"], "race_date")
    _require_race(session, body.get("race_id"))
    plan = Plan(
        user_id=user_id,
        name=body["name"],
        race_id=body.get("race_id"),
        race_date=race_date,
        race_distance_m=body["race_distance_m"],
        goal_time_s=body.get("goal_time_s"),
        notes=body.get("notes", ""),
    )
    plan.runs = [_planned_run(item, index, race_date) for index, item in enumerate(body["runs"])]
    session.add(plan)
    session.flush()
    link_planned_runs(session, plan)
    session.commit()
    return plan


def delete_plan(session: Session, user_id: int, plan_id: int) -> None:
    session.delete(get_plan(session, user_id, plan_id))
    session.commit()


def link_planned_run(
    session: Session, user_id: int, plan_id: int, planned_run_id: int, run_id: int | None
) -> PlannedRun:
    planned = next((p for p in get_plan(session, user_id, plan_id).runs if p.id == planned_run_id), None)
    if planned is None:
        raise not_found(f"Plan {plan_id} has no planned run {planned_run_id}.")
    if run_id is not None:
        _require_free_run(session, user_id, run_id, planned)
    planned.run_id = run_id
    session.commit()
    return planned


def adherence(plan: Plan, today: date) -> dict:
    due = [p for p in plan.runs if p.date < today and p.type not in NOT_RUNS]
    done = sum(1 for p in due if p.run_id is not None)
    return {"due": len(due), "done": done, "ratio": round(done / len(due), 3) if due else None}


def _planned_run(item: dict, index: int, race_date: date) -> PlannedRun:
    day = parse_date(item["date"], f"runs[{index}].date")
    if day > race_date:
        raise bad_request(f"runs[{index}] is on {day}, after race day {race_date}.")
    return PlannedRun(**{**item, "date": day, **_pace_range(item)})


def _pace_range(item: dict) -> dict:
    """A pace range is a range whichever bound comes first: store the faster as the min."""
    low, high = item.get("pace_min_s_per_km"), item.get("pace_max_s_per_km")
    if low is None or high is None:
        return {}
    return {"pace_min_s_per_km": min(low, high), "pace_max_s_per_km": max(low, high)}


def _require_race(session: Session, race_id: int | None) -> None:
    if race_id is not None and session.get(Race, race_id) is None:
        raise bad_request(f"There is no race {race_id}.")


def _require_free_run(session: Session, user_id: int, run_id: int, planned: PlannedRun) -> None:
    run = session.get(Run, run_id)
    if run is None or run.user_id != user_id:
        raise not_found(f"User {user_id} has no run {run_id}.")
    holder = session.scalar(select(PlannedRun).where(PlannedRun.run_id == run_id))
    if holder is not None and holder.id != planned.id:
        raise conflict(f"Run {run_id} already fulfils planned run {holder.id}.")
