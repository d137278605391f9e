"""Runnerly's training model: pure functions and frozen values, no web, no database.

The web layer calls these names; everything else is an implementation detail.
Invalid inputs raise subclasses of :class:`TrainingModelError` (a ``ValueError``).
"""

from .errors import (
    InfeasiblePlan,
    InvalidPerformance,
    InvalidPlanRequest,
    InvalidProfile,
    InvalidVdot,
    TrainingModelError,
)
from .fitness import (
    Effort,
    EffortSource,
    FitnessEstimate,
    IgnoredRun,
    VdotPoint,
    WeightedEffort,
    assess_fitness,
    vdot_history,
)
from .heart_rate import HeartRateProfile, Sex
from .load import DailyLoad, RunLoad, daily_loads, reference_vdot, run_load
from .paces import PaceRange, TrainingPaces, training_paces
from .plan import (
    Phase,
    PlanConstraints,
    PlannedRun,
    PlanRequest,
    PlanWeek,
    RunType,
    TrainingPlan,
    WeekSummary,
    generate_plan,
    replan,
)
from .predictions import RacePrediction, RacePredictions, predict_races
from .riegel import DEFAULT_RIEGEL_EXPONENT, riegel_time
from .runs import (
    BestEffort,
    HeartRateSample,
    HeartRateSegment,
    RunRecord,
    recent_longest_run_km,
    recent_weekly_km,
)
from .vdot import (
    STANDARD_DISTANCES_M,
    Performance,
    VdotEstimate,
    best_vdot,
    predict_time,
    vdot,
)
from .zones import HeartRateZone, WeeklyZoneTime, heart_rate_zones, weekly_time_in_zones

__all__ = [
    "DEFAULT_RIEGEL_EXPONENT",
    "STANDARD_DISTANCES_M",
    "BestEffort",
    "DailyLoad",
    "Effort",
    "EffortSource",
    "FitnessEstimate",
    "HeartRateProfile",
    "HeartRateSample",
    "HeartRateSegment",
    "HeartRateZone",
    "IgnoredRun",
    "InfeasiblePlan",
    "InvalidPerformance",
    "InvalidPlanRequest",
    "InvalidProfile",
    "InvalidVdot",
    "PaceRange",
    "Performance",
    "Phase",
    "PlanConstraints",
    "PlanRequest",
    "PlanWeek",
    "PlannedRun",
    "RacePrediction",
    "RacePredictions",
    "RunLoad",
    "RunRecord",
    "RunType",
    "Sex",
    "TrainingModelError",
    "TrainingPaces",
    "TrainingPlan",
    "VdotEstimate",
    "VdotPoint",
    "WeekSummary",
    "WeeklyZoneTime",
    "WeightedEffort",
    "assess_fitness",
    "best_vdot",
    "daily_loads",
    "generate_plan",
    "heart_rate_zones",
    "predict_races",
    "predict_time",
    "recent_longest_run_km",
    "recent_weekly_km",
    "reference_vdot",
    "replan",
    "riegel_time",
    "run_load",
    "training_paces",
    "vdot",
    "vdot_history",
    "weekly_time_in_zones",
]
