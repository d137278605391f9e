"""A runner's current VDOT from their runs, and how it moved over time.

Evidence: every race, every run as a whole, and best efforts of 1500 m or more.
Each piece counts by its VDOT, faded with age; the current VDOT is the strongest
faded piece. See MODEL.md for why the best and not an average.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .errors import InvalidPerformance
from .runs import RunRecord, implausibility
from .vdot import MIN_DISTANCE_M, vdot

# An effort's credit fades from 100 % toward 90 % of its VDOT, halfway in 60 days:
# a runner who keeps training loses a little of a race's fitness, not all of it.
HALF_LIFE_DAYS = 60.0
MAX_FADE = 0.10
LOOKBACK_DAYS = 365
# Below 1500 m a best effort measures speed more than aerobic fitness.
MIN_BEST_EFFORT_M = 1500.0
EVIDENCE_SHOWN = 5


class EffortSource(StrEnum):
    RACE = "race"
    RUN = "run"
    BEST_EFFORT = "best_effort"


@dataclass(frozen=True)
class Effort:
    """One distance/time pair taken from a run, with its VDOT."""

    run_id: str
    day: date
    source: EffortSource
    distance_m: float
    time_s: float
    vdot: float


@dataclass(frozen=True)
class WeightedEffort:
    """An effort seen from a given day: ``credit`` is the share of its VDOT still counted."""

    effort: Effort
    age_days: int
    credit: float

    @property
    def effective_vdot(self) -> float:
        return self.effort.vdot * self.credit


@dataclass(frozen=True)
class IgnoredRun:
    run_id: str
    reason: str


@dataclass(frozen=True)
class FitnessEstimate:
    """Current VDOT (``None`` without evidence), the effort that set it and the runner-up runs."""

    as_of: date
    vdot: float | None
    driver: WeightedEffort | None
    evidence: tuple[WeightedEffort, ...]
    ignored: tuple[IgnoredRun, ...]
    half_life_days: float


@dataclass(frozen=True)
class VdotPoint:
    day: date
    vdot: float | None
    driver_run_id: str | None


def effort_credit(age_days: float, half_life_days: float = HALF_LIFE_DAYS) -> float:
    """Share of an effort's VDOT still credited after ``age_days``."""
    remaining = 0.5 ** (age_days / half_life_days)
    return 1 - MAX_FADE * (1 - remaining)


def collect_efforts(
    runs: Iterable[RunRecord],
) -> tuple[tuple[Effort, ...], tuple[tuple[date, IgnoredRun], ...]]:
    """Every usable effort, and every implausible run with its day and reason."""
    efforts: list[Effort] = []
    ignored: list[tuple[date, IgnoredRun]] = []
    for run in runs:
        reason = implausibility(run)
        if reason:
            ignored.append((run.day, IgnoredRun(run.id, reason)))
        else:
            efforts.extend(_efforts_of(run))
    return tuple(efforts), tuple(ignored)


def assess_fitness(
    runs: Iterable[RunRecord],
    today: date,
    *,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> FitnessEstimate:
    """The runner's VDOT today from runs of the last ``lookback_days`` days."""
    efforts, ignored = collect_efforts(runs)
    return _estimate(efforts, ignored, today, half_life_days, lookback_days)


def vdot_history(
    runs: Iterable[RunRecord],
    today: date,
    *,
    weeks: int = 26,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> tuple[VdotPoint, ...]:
    """Weekly VDOT points ending today, each using only runs up to its own day."""
    efforts, ignored = collect_efforts(runs)
    days = (today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))
    points = []
    for day in days:
        estimate = _estimate(efforts, ignored, day, half_life_days, lookback_days)
        driver_id = estimate.driver.effort.run_id if estimate.driver else None
        points.append(VdotPoint(day, estimate.vdot, driver_id))
    return tuple(points)


def _estimate(
    efforts: Sequence[Effort],
    ignored: Sequence[tuple[date, IgnoredRun]],
    as_of: date,
    half_life_days: float,
    lookback_days: int,
) -> FitnessEstimate:
    in_window = [e for e in efforts if 0 <= (as_of - e.day).days <= lookback_days]
    weighted = [_weigh(effort, as_of, half_life_days) for effort in in_window]
    evidence = _best_per_run(weighted)[:EVIDENCE_SHOWN]
    driver = evidence[0] if evidence else None
    skipped = tuple(run for day, run in ignored if 0 <= (as_of - day).days <= lookback_days)
    return FitnessEstimate(
        as_of=as_of,
        vdot=driver.effective_vdot if driver else None,
        driver=driver,
        evidence=tuple(evidence),
        ignored=skipped,
        half_life_days=half_life_days,
    )


def _weigh(effort: Effort, as_of: date, half_life_days: float) -> WeightedEffort:
    age = (as_of - effort.day).days
    return WeightedEffort(effort, age, effort_credit(age, half_life_days))


def _best_per_run(weighted: Iterable[WeightedEffort]) -> list[WeightedEffort]:
    """Strongest effort of each run, strongest run first (ties: most recent first)."""
    best: dict[str, WeightedEffort] = {}
    for item in weighted:
        current = best.get(item.effort.run_id)
        if current is None or item.effective_vdot > current.effective_vdot:
            best[item.effort.run_id] = item
    return sorted(best.values(), key=lambda w: (-w.effective_vdot, w.age_days))


def _efforts_of(run: RunRecord) -> list[Effort]:
    source = EffortSource.RACE if run.is_race else EffortSource.RUN
    candidates = [(source, run.distance_m, run.performance_time_s)]
    candidates += [
        (EffortSource.BEST_EFFORT, best.distance_m, best.time_s)
        for best in run.best_efforts
        if best.distance_m >= MIN_BEST_EFFORT_M
    ]
    efforts = []
    for kind, distance_m, time_s in candidates:
        if distance_m < MIN_DISTANCE_M:
            continue
        try:
            value = vdot(distance_m, time_s)
        except InvalidPerformance:
            continue  # e.g. an ultra over 100 km: real, but outside the equations
        efforts.append(Effort(run.id, run.day, kind, distance_m, time_s, value))
    return efforts
