"""A runner's recorded runs, as the data service hands them over, and what to distrust.

GPS glitches (a tunnel, a watch that jumps a kilometre) produce runs, splits or
best efforts no human could run; :func:`implausibility` names the first such fault
so that fitness ignores the run and says why.
"""

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import InvalidPerformance
from .vdot import MAX_HUMAN_VDOT, MIN_DISTANCE_M, raw_vdot, validate_performance

SPLIT_DISTANCE_M = 1000.0
# Watches round moving and elapsed time separately; allow this much disagreement.
_TIME_ROUNDING_S = 1.0
# A longer gap between heart-rate samples is a pause, not time at that heart rate.
MAX_SAMPLE_GAP_S = 30.0
# A best effort may run a few metres past the recorded distance after GPS smoothing.
_EFFORT_DISTANCE_SLACK = 1.01


@dataclass(frozen=True)
class BestEffort:
    """The fastest stretch of a given distance inside a run."""

    distance_m: float
    time_s: float


@dataclass(frozen=True)
class HeartRateSample:
    """Heart rate (bpm) measured ``offset_s`` seconds after the start of a run."""

    offset_s: float
    bpm: float


@dataclass(frozen=True)
class HeartRateSegment:
    """``seconds`` of a run at an average of ``bpm`` (a kilometre split, a lap)."""

    seconds: float
    bpm: float


@dataclass(frozen=True)
class RunRecord:
    """One run. ``split_times_s`` holds the time of each full kilometre, in order.

    Heart rate, finest first: ``heart_rate_stream`` (samples), ``heart_rate_segments``
    (the average of each split), ``average_heart_rate`` (the whole run).
    """

    id: str
    start_time: datetime
    distance_m: float
    moving_time_s: float
    elapsed_time_s: float
    is_race: bool = False
    best_efforts: tuple[BestEffort, ...] = ()
    split_times_s: tuple[float, ...] = ()
    average_heart_rate: float | None = None
    heart_rate_stream: tuple[HeartRateSample, ...] = ()
    heart_rate_segments: tuple[HeartRateSegment, ...] = ()

    @property
    def day(self) -> date:
        """The calendar day in the zone ``start_time`` carries (UTC from the data service)."""
        return self.start_time.date()

    @property
    def performance_time_s(self) -> float:
        """Races count by the clock (elapsed); training runs by moving time."""
        return self.elapsed_time_s if self.is_race else self.moving_time_s


def implausibility(run: RunRecord) -> str | None:
    """Why a run cannot be trusted, or ``None`` if nothing is wrong with it."""
    for check in (_timing_fault, _whole_run_fault, _split_fault, _best_effort_fault):
        reason = check(run)
        if reason:
            return reason
    return None


def has_heart_rate_detail(run: RunRecord) -> bool:
    return len(run.heart_rate_stream) >= 2 or bool(run.heart_rate_segments)


def heart_rate_intervals(run: RunRecord) -> list[tuple[float, float]]:
    """(bpm, seconds) for each gap between stream samples, at the gap's first sample; for a
    run without a stream, each split at its average heart rate."""
    stream = run.heart_rate_stream
    if len(stream) < 2:
        return [(segment.bpm, segment.seconds) for segment in run.heart_rate_segments]
    return [
        (sample.bpm, min(max(following.offset_s - sample.offset_s, 0.0), MAX_SAMPLE_GAP_S))
        for sample, following in itertools.pairwise(stream)
    ]


def recent_weekly_km(runs: Iterable[RunRecord], today: date, weeks: int = 4) -> float:
    """Mean km per week over the ``weeks`` weeks ending yesterday (plan input)."""
    start = today - timedelta(days=7 * weeks)
    total_m = sum(run.distance_m for run in runs if start <= run.day < today)
    return total_m / 1000 / weeks


def recent_longest_run_km(runs: Iterable[RunRecord], today: date, weeks: int = 4) -> float:
    """The longest run of the ``weeks`` weeks ending yesterday, in km (0 without one)."""
    start = today - timedelta(days=7 * weeks)
    return max((run.distance_m for run in runs if start <= run.day < today), default=0.0) / 1000


def _timing_fault(run: RunRecord) -> str | None:
    values = (run.distance_m, run.moving_time_s, run.elapsed_time_s)
    if not all(math.isfinite(value) and value > 0 for value in values):
        return "distance, moving time and elapsed time must all be above 0"
    if run.moving_time_s > run.elapsed_time_s + _TIME_ROUNDING_S:
        return "moving time is longer than elapsed time"
    return None


def _whole_run_fault(run: RunRecord) -> str | None:
    if run.distance_m < MIN_DISTANCE_M:
        return None  # too short to rate, but nothing suspicious about it
    return _performance_fault("the whole run", run.distance_m, run.performance_time_s)


def _split_fault(run: RunRecord) -> str | None:
    for number, split_s in enumerate(run.split_times_s, start=1):
        if _superhuman(SPLIT_DISTANCE_M, split_s):
            return f"kilometre split {number} in {split_s:g} s is faster than any human"
    return None


def _best_effort_fault(run: RunRecord) -> str | None:
    for effort in run.best_efforts:
        label = f"best effort over {effort.distance_m:g} m"
        if effort.distance_m > run.distance_m * _EFFORT_DISTANCE_SLACK:
            return f"{label} is longer than the run itself"
        if effort.time_s > run.elapsed_time_s + _TIME_ROUNDING_S:
            return f"{label} took longer than the run itself"
        if _superhuman(effort.distance_m, effort.time_s):
            return f"{label} in {effort.time_s:g} s is faster than any human"
    return None


def _performance_fault(label: str, distance_m: float, time_s: float) -> str | None:
    try:
        validate_performance(distance_m, time_s)
    except InvalidPerformance as error:
        return f"{label}: {error}"
    return None


def _superhuman(distance_m: float, time_s: float) -> bool:
    """Slow splits are stops at traffic lights; only impossible speed betrays a glitch.

    Stretches under 800 m are not judged: the equations are not calibrated there
    and fitness never uses them.
    """
    if distance_m < MIN_DISTANCE_M:
        return False
    return not time_s > 0 or raw_vdot(distance_m, time_s) > MAX_HUMAN_VDOT
