"""Training load: Banister TRIMP per run and day, acute/chronic EWMAs, form and ratio.

TRIMP (Banister 1991) = minutes · x · k·e^(b·x), with x the heart-rate-reserve
fraction and (k, b) = (0.64, 1.92) for men, (0.86, 1.67) for women. Runs without
heart rate get x from their pace (see :func:`estimated_reserve_fraction`).
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .heart_rate import HeartRateProfile, Sex, reserve_fraction
from .runs import RunRecord, heart_rate_intervals
from .vdot import DEFAULT_BEGINNER_VDOT, oxygen_cost

WEIGHTINGS = {Sex.MALE: (0.64, 1.92), Sex.FEMALE: (0.86, 1.67)}
# VO2 at rest (ml/kg/min), the floor of the VO2 reserve.
RESTING_VO2 = 3.5
ACUTE_DAYS = 7
CHRONIC_DAYS = 42


@dataclass(frozen=True)
class RunLoad:
    run_id: str
    day: date
    trimp: float
    estimated: bool


@dataclass(frozen=True)
class DailyLoad:
    """One calendar day: its TRIMP and the smoothed loads at the end of that day."""

    day: date
    trimp: float
    estimated: bool
    acute: float
    chronic: float
    form: float
    acute_chronic_ratio: float | None


def intensity_weight(fraction: float, sex: Sex) -> float:
    """Banister's weighting; unknown sex takes the mean of the men's and women's curves."""
    if sex is Sex.UNKNOWN:
        return sum(k * math.exp(b * fraction) for k, b in WEIGHTINGS.values()) / 2
    k, b = WEIGHTINGS[sex]
    return k * math.exp(b * fraction)


def trimp(duration_min: float, fraction: float, sex: Sex) -> float:
    """TRIMP for ``duration_min`` at reserve fraction ``fraction`` (clamped to 0-1)."""
    x = min(max(fraction, 0.0), 1.0)
    return duration_min * x * intensity_weight(x, sex)


def trimp_from_average(duration_s: float, average_hr: float, profile: HeartRateProfile) -> float:
    return trimp(duration_s / 60, reserve_fraction(average_hr, profile), profile.sex)


def trimp_from_stream(run: RunRecord, profile: HeartRateProfile) -> float:
    """Sum of TRIMP over each interval between heart-rate samples."""
    return sum(
        trimp(seconds / 60, reserve_fraction(bpm, profile), profile.sex)
        for bpm, seconds in heart_rate_intervals(run)
    )


def estimated_reserve_fraction(distance_m: float, moving_time_s: float, vdot: float) -> float:
    """Reserve fraction inferred from pace, for runs recorded without heart rate.

    The pace's oxygen cost as a share of the VO2 reserve (VDOT minus resting VO2);
    %HRR tracks %VO2R closely (Swain & Leutholtz 1997). At threshold pace (88 % of
    VDOT) this gives about 0.87, matching Daniels' 88-92 % of maximum heart rate.
    """
    speed_m_per_min = distance_m / (moving_time_s / 60)
    fraction = (oxygen_cost(speed_m_per_min) - RESTING_VO2) / (vdot - RESTING_VO2)
    return min(max(fraction, 0.0), 1.0)


def run_load(run: RunRecord, profile: HeartRateProfile, vdot: float | None = None) -> RunLoad:
    """TRIMP of one run: from the stream, else the average heart rate, else the pace."""
    if len(run.heart_rate_stream) >= 2:
        return RunLoad(run.id, run.day, trimp_from_stream(run, profile), estimated=False)
    if run.average_heart_rate is not None:
        value = trimp_from_average(run.moving_time_s, run.average_heart_rate, profile)
        return RunLoad(run.id, run.day, value, estimated=False)
    reference = vdot if vdot is not None else DEFAULT_BEGINNER_VDOT
    fraction = estimated_reserve_fraction(run.distance_m, run.moving_time_s, reference)
    value = trimp(run.moving_time_s / 60, fraction, profile.sex)
    return RunLoad(run.id, run.day, value, estimated=True)


def smoothing_factor(days: int) -> float:
    """EWMA λ = 2/(N+1): same centre of mass as an N-day rolling average."""
    return 2 / (days + 1)


def ewma(values: Iterable[float], days: int, start: float = 0.0) -> tuple[float, ...]:
    """Exponentially weighted moving average: S_t = λ·x_t + (1-λ)·S_(t-1), S_(-1) = start."""
    factor = smoothing_factor(days)
    smoothed = []
    level = start
    for value in values:
        level = factor * value + (1 - factor) * level
        smoothed.append(level)
    return tuple(smoothed)


def daily_loads(
    runs: Iterable[RunRecord],
    profile: HeartRateProfile,
    today: date,
    *,
    vdot: float | None = None,
    since: date | None = None,
) -> tuple[DailyLoad, ...]:
    """One entry per day from ``since`` (default: the first run) to ``today``."""
    loads = [run_load(run, profile, vdot) for run in runs if _countable(run, today)]
    first = since or min((load.day for load in loads), default=None)
    if first is None:
        return ()
    days = [first + timedelta(days=offset) for offset in range((today - first).days + 1)]
    totals, estimated = _per_day(loads)
    series = [totals[day] for day in days]
    acute, chronic = ewma(series, ACUTE_DAYS), ewma(series, CHRONIC_DAYS)
    return tuple(
        DailyLoad(day, load, day in estimated, a, c, c - a, a / c if c > 0 else None)
        for day, load, a, c in zip(days, series, acute, chronic, strict=True)
    )


def _countable(run: RunRecord, today: date) -> bool:
    return run.day <= today and run.moving_time_s > 0 and run.distance_m > 0


def _per_day(loads: Iterable[RunLoad]) -> tuple[dict[date, float], set[date]]:
    totals: dict[date, float] = defaultdict(float)
    estimated = set()
    for load in loads:
        totals[load.day] += load.trimp
        if load.estimated:
            estimated.add(load.day)
    return totals, estimated
