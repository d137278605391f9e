"""JSON representations of plans."""

from datetime import date

from runnerly_core.dates import iso_instant
from runnerly_data.plans.models import Plan, PlannedRun
from runnerly_data.plans.services import adherence

PLANNED_FIELDS = (
    "id",
    "type",
    "distance_m",
    "duration_s",
    "pace_min_s_per_km",
    "pace_max_s_per_km",
    "description",
    "run_id",
)


def plan_summary_json(plan: Plan) -> dict:
    return {
        "id": plan.id,
        "user_id": plan.user_id,
        "name": plan.name,
        "race_id": plan.race_id,
        "race_date": plan.race_date.isoformat(),
        "race_distance_m": plan.race_distance_m,
        "goal_time_s": plan.goal_time_s,
        "notes": plan.notes,
        "created_at": iso_instant(plan.created_at),
    }


def planned_run_json(planned: PlannedRun) -> dict:
    return {**{name: getattr(planned, name) for name in PLANNED_FIELDS}, "date": planned.date.isoformat()}


def plan_json(plan: Plan, today: date) -> dict:
    return {
        **plan_summary_json(plan),
        "runs": [planned_run_json(planned) for planned in plan.runs],
        "adherence": adherence(plan, today),
    }
