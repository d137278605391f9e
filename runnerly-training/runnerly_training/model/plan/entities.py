"""What a plan is made of: phases, planned runs, weeks, and the plan itself."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..paces import PaceRange, TrainingPaces


class Phase(StrEnum):
    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"


class RunType(StrEnum):
    EASY = "easy"
    RECOVERY = "recovery"
    LONG = "long"
    THRESHOLD = "threshold"
    INTERVALS = "intervals"
    REPETITION = "repetition"
    MARATHON_PACE = "marathon_pace"
    TIME_TRIAL = "time_trial"
    RACE = "race"


QUALITY_TYPES = frozenset({RunType.THRESHOLD, RunType.INTERVALS, RunType.REPETITION, RunType.MARATHON_PACE})


@dataclass(frozen=True)
class PlannedRun:
    """One run: ``target_pace`` is the pace of its main part (the reps in a workout), and
    ``work_m`` how much of it is run at that pace in a quality session (0 for easy runs)."""

    date: date
    type: RunType
    distance_m: float
    duration_s: float
    target_pace: PaceRange
    description: str
    work_m: float = 0.0


@dataclass(frozen=True)
class WeekSummary:
    week_start: date
    phase: Phase
    is_recovery: bool
    planned_km: float


@dataclass(frozen=True)
class PlanWeek:
    week_start: date
    phase: Phase
    is_recovery: bool
    runs: tuple[PlannedRun, ...]
    is_partial: bool = False

    @property
    def planned_km(self) -> float:
        """Everything planned this week, the race included."""
        return sum(run.distance_m for run in self.runs) / 1000

    @property
    def training_km(self) -> float:
        """Training volume: the race left out, so that the taper reads as a taper."""
        return sum(run.distance_m for run in self.runs if run.type is not RunType.RACE) / 1000

    def summary(self) -> WeekSummary:
        return WeekSummary(self.week_start, self.phase, self.is_recovery, self.planned_km)


@dataclass(frozen=True)
class TrainingPlan:
    """A plan from ``start_date`` to the race; ``warnings`` are for the runner to read.

    ``race_pace_s_per_km`` is the race pace the plan trains (predicted at ``vdot``); the
    race target is never faster. ``retest_date`` is the day of the re-test, if planned.
    """

    start_date: date
    race_date: date
    race_distance_m: float
    vdot: float
    vdot_is_default: bool
    paces: TrainingPaces
    predicted_time_s: float
    target_time_s: float
    weeks: tuple[PlanWeek, ...]
    warnings: tuple[str, ...]
    retest_date: date | None = None

    @property
    def race_pace_s_per_km(self) -> float:
        return self.predicted_time_s / (self.race_distance_m / 1000)

    @property
    def runs(self) -> tuple[PlannedRun, ...]:
        return tuple(run for week in self.weeks for run in week.runs)

    @property
    def summaries(self) -> tuple[WeekSummary, ...]:
        return tuple(week.summary() for week in self.weeks)
