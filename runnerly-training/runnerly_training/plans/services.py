"""Plans: built from the runner's fitness by the model, stored in the data service."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from runnerly_training.datasource import DataSource
from runnerly_training.fitness.schemas import paces_json
from runnerly_training.model import PlanWeek, TrainingPlan, generate_plan
from runnerly_training.plans.progress import plan_weeks, weekly_progress
from runnerly_training.plans.requests import chosen_race, plan_request
from runnerly_training.plans.storage import new_plan_json, stored_plan_json
from runnerly_training.problems import model_errors_as_bad_request
from runnerly_training.records import Json, is_running
from runnerly_training.snapshots.services import current_snapshot


def build_plan(session: Session, source: DataSource, user_id: int, body: Json) -> Json:
    snapshot = current_snapshot(session, source, user_id)
    race = chosen_race(source, body["race"])
    with model_errors_as_bad_request():
        plan = generate_plan(plan_request(body, race, snapshot))
    name = body.get("name") or race.plan_name()
    stored = source.create_plan(user_id, new_plan_json(plan, race, name, body.get("goal_time_s")))
    return {
        **stored_plan_json(stored),
        "build": _build_json(plan, snapshot.fitness),
        "weeks": [_week_json(week) for week in plan.weeks],
    }


def plan_progress(source: DataSource, user_id: int, plan_id: int, today: date | None = None) -> Json:
    """The stored plan; "today" is UTC's, as for the data service's adherence."""
    today = today or datetime.now(UTC).date()
    stored = source.plan(user_id, plan_id)
    return {
        **stored_plan_json(stored),
        "weeks": weekly_progress(stored["runs"], _runs_done(source, stored, today), today),
    }


def _runs_done(source: DataSource, stored: Json, today: date) -> list[Json]:
    span = plan_weeks(stored["runs"])
    if span is None or span[0] > today:
        return []
    first, last = span
    return [run for run in source.runs(stored["user_id"], first, min(last, today)) if is_running(run)]


def _build_json(plan: TrainingPlan, fitness: Json) -> Json:
    return {
        "vdot": round(plan.vdot, 2),
        "vdot_is_default": plan.vdot_is_default,
        "recent_weekly_km": fitness["recent_weekly_km"],
        "recent_longest_run_km": fitness.get("recent_longest_run_km", 0.0),
        "predicted_time_s": round(plan.predicted_time_s, 1),
        "target_time_s": round(plan.target_time_s, 1),
        "start_date": plan.start_date.isoformat(),
        "retest_date": plan.retest_date.isoformat() if plan.retest_date else None,
        "training_paces": paces_json(plan.paces),
        "warnings": list(plan.warnings),
    }


def _week_json(week: PlanWeek) -> Json:
    return {
        "week_start": week.week_start.isoformat(),
        "phase": str(week.phase),
        "is_recovery": week.is_recovery,
        "is_partial": week.is_partial,
        "planned_km": round(week.planned_km, 1),
        "training_km": round(week.training_km, 1),
        "runs": len(week.runs),
    }
