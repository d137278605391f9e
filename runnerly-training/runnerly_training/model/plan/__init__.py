"""Training plans: a pure generator from a runner's situation to dated runs."""

from .entities import Phase, PlannedRun, PlanWeek, RunType, TrainingPlan, WeekSummary
from .generator import generate_plan, race_target, replan
from .request import PlanConstraints, PlanRequest

__all__ = [
    "Phase",
    "PlanConstraints",
    "PlanRequest",
    "PlanWeek",
    "PlannedRun",
    "RunType",
    "TrainingPlan",
    "WeekSummary",
    "generate_plan",
    "race_target",
    "replan",
]
