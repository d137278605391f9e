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
# Detraining: a runner who stops loses fitness with the days off. Daniels' table of VDOT
# adjustments after a break without aerobic cross-training (*Daniels' Running Formula*,
# 3rd ed., 2014, ch. 9, "FVDOT-1") keeps 100 % for up to 5 days off, then loses about
# 0.3 % a day (93 % after four weeks) down to 80 % from about ten weeks on. It agrees with
# the physiology: Coyle et al. (1984, J Appl Physiol 57:1857-1864) measured VO2max 7 % down
# after 21 days of inactivity and 16 % down after 56-84 days, where it levelled off;
# Mujika & Padilla (2000, Sports Med 30:79-87 and 145-154) review VO2max losses of 4-14 %
# after more than four weeks off in trained athletes.
DAYS_OFF_WITHOUT_LOSS = 5
LOSS_PER_DAY_OFF = 0.003
DETRAINED_FLOOR = 0.80
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
    """An effort seen from a given day: ``credit`` is the share of its VDOT still counted,
    after ``days_off``, the longest break from running since the effort."""

    effort: Effort
    age_days: int
    credit: float
    days_off: int = 0

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


def detraining_factor(days_off: int) -> float:
    """Share of fitness kept after ``days_off`` days without running (Daniels' FVDOT-1)."""
    lost = LOSS_PER_DAY_OFF * max(0, days_off - DAYS_OFF_WITHOUT_LOSS)
    return max(DETRAINED_FLOOR, 1 - lost)


def longest_breaks(run_days: Iterable[date], as_of: date) -> dict[date, int]:
    """For each run day up to ``as_of``: the longest break (days without a run) from it to
    ``as_of``, the break before ``as_of`` included."""
    days = sorted({day for day in run_days if day <= as_of})
    breaks: dict[date, int] = {}
    longest, following = 0, as_of + timedelta(days=1)
    for day in reversed(days):
        longest = max(longest, (following - day).days - 1)
        breaks[day] = longest
        following = day
    return breaks


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
    runs = tuple(runs)
    efforts, ignored = collect_efforts(runs)
    run_days = [run.day for run in runs]
    return _estimate(efforts, ignored, (today, run_days), half_life_days, lookback_days)


def vdot_history(
    runs: Iterable[RunRecord],
    today: date,
    *,
    weeks: int = 26,
    half_life_days: float = HALF_LIFE_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
) -> tuple[VdotPoint, ...]:
    """Weekly VDOT points ending today, each using only runs up to its own day."""
    runs = tuple(runs)
    efforts, ignored = collect_efforts(runs)
    run_days = [run.day for run in runs]
    days = (today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1))
    points = []
    for day in days:
        estimate = _estimate(efforts, ignored, (day, run_days), half_life_days, lookback_days)
        driver_id = estimate.driver.effort.run_id if estimate.driver else None
        points.append(VdotPoint(day, estimate.vdot, driver_id))
    return tuple(points)


def _estimate(
    efforts: Sequence[Effort],
    ignored: Sequence[tuple[date, IgnoredRun]],
    when: tuple[date, Sequence[date]],
    half_life_days: float,
    lookback_days: int,
) -> FitnessEstimate:
    as_of, run_days = when
    in_window = [e for e in efforts if 0 <= (as_of - e.day).days <= lookback_days]
    breaks = longest_breaks(run_days, as_of)
    weighted = [_weigh(effort, as_of, half_life_days, breaks[effort.day]) for effort in in_window]
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


def _weigh(effort: Effort, as_of: date, half_life_days: float, days_off: int) -> WeightedEffort:
    """The lesser of the slow fade of evidence and the loss to the longest break since."""
    age = (as_of - effort.day).days
    credit = min(effort_credit(age, half_life_days), detraining_factor(days_off))
    return WeightedEffort(effort, age, credit, days_off)


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
