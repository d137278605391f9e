"""A built plan as the data service stores it, and a stored plan as this service answers it."""

from __future__ import annotations

from runnerly_training.model import PlannedRun, RunType, TrainingPlan
from runnerly_training.model.formatting import format_duration
from runnerly_training.plans.requests import Race
from runnerly_training.records import Json

# The model's run types in the data service's PlannedRunType enum (the table makes a new
# model type fail loudly here rather than at the data service).
RUN_TYPES = {
    RunType.EASY: "easy",
    RunType.RECOVERY: "recovery",
    RunType.LONG: "long",
    RunType.THRESHOLD: "threshold",
    RunType.INTERVALS: "intervals",
    RunType.REPETITION: "repetition",
    RunType.MARATHON_PACE: "marathon_pace",
    # The data service has no time-trial type: the re-test is a tune-up race to it.
    RunType.TIME_TRIAL: "race",
    RunType.RACE: "race",
}
# Paces the data service accepts (s/km); a target outside them is left unset, not bent.
STORABLE_PACES = (60.0, 1200.0)
DESCRIPTION_LENGTH, NOTES_LENGTH = 1000, 10_000
PLAN_FIELDS = (
    "id",
    "user_id",
    "name",
    "race_id",
    "race_date",
    "race_distance_m",
    "goal_time_s",
    "notes",
    "created_at",
)
PLANNED_RUN_FIELDS = (
    "id",
    "date",
    "type",
    "distance_m",
    "duration_s",
    "pace_min_s_per_km",
    "pace_max_s_per_km",
    "description",
    "run_id",
)


def new_plan_json(plan: TrainingPlan, race: Race, name: str, goal_time_s: int | None) -> Json:
    """The data service's ``NewPlan``."""
    return {
        "name": name,
        "race_id": race.race_id,
        "race_date": race.date.isoformat(),
        "race_distance_m": race.distance_m,
        "goal_time_s": goal_time_s,
        "notes": plan_notes(plan),
        "runs": [planned_run_json(run) for run in plan.runs],
    }


def planned_run_json(run: PlannedRun) -> Json:
    return {
        "date": run.date.isoformat(),
        "type": RUN_TYPES[run.type],
        "distance_m": round(run.distance_m, 1),
        "duration_s": round(run.duration_s),
        "pace_min_s_per_km": _storable(run.target_pace.min_s_per_km),
        "pace_max_s_per_km": _storable(run.target_pace.max_s_per_km),
        "description": run.description[:DESCRIPTION_LENGTH],
    }


def plan_notes(plan: TrainingPlan) -> str:
    """What the runner reads with the stored plan: its basis and its warnings."""
    default = " (a default: no usable effort yet)" if plan.vdot_is_default else ""
    basis = (
        f"Built by runnerly-training from VDOT {plan.vdot:.1f}{default}: predicted "
        f"{format_duration(plan.predicted_time_s)}, target {format_duration(plan.target_time_s)}."
    )
    return "\n".join((basis, *plan.warnings))[:NOTES_LENGTH]


def stored_plan_json(stored: Json) -> Json:
    """The data service's plan, field by field: its additions do not leak into this API."""
    return {
        **{name: stored.get(name) for name in PLAN_FIELDS},
        "runs": [{name: run.get(name) for name in PLANNED_RUN_FIELDS} for run in stored["runs"]],
        "adherence": stored["adherence"],
    }


def _storable(pace_s_per_km: float) -> float | None:
    low, high = STORABLE_PACES
    return round(pace_s_per_km, 1) if low <= pace_s_per_km <= high else None
