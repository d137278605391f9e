"""Training load: Banister TRIMP per run and day; fitness, fatigue and form (the
Banister/Coggan performance-management model); the acute:chronic workload ratio.

TRIMP (Banister 1991) = minutes · x · k·e^(b·x), with x the heart-rate-reserve fraction
and (k, b) = (0.64, 1.92) for men, (0.86, 1.67) for women. x comes from the heart-rate
stream, else the run's per-split heart rates, else its average, else its pace (see
:func:`estimated_reserve_fraction`).

**CTL, ATL, TSB** as TrainingPeaks and intervals.icu compute them (Banister et al. 1975;
Coggan's Performance Manager): exponentially weighted averages of daily load with time
constants τ = 42 days (CTL, "fitness") and 7 days (ATL, "fatigue"), each day
S_t = S_(t-1) + k·(x_t - S_(t-1)) with k = 1 - e^(-1/τ); TSB ("form") on day t is
yesterday's CTL - ATL, so a day's own session does not count against that morning's form.

**ACWR** (acute:chronic workload ratio) is a separate figure with its own definition:
Williams et al. (2017, *Br J Sports Med* 51:209-210) EWMAs, λ = 2/(N+1) with N = 7 (acute)
and 28 (chronic), coupled (the chronic average includes the acute week, as in Williams).
It is ``None`` until the runner's history spans 28 days: before that the chronic average
is still filling and the ratio means nothing (a first run would read 5.4).
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .heart_rate import HeartRateProfile, Sex, reserve_fraction
from .runs import RunRecord, has_heart_rate_detail, heart_rate_intervals
from .vdot import DEFAULT_BEGINNER_VDOT, oxygen_cost

WEIGHTINGS = {Sex.MALE: (0.64, 1.92), Sex.FEMALE: (0.86, 1.67)}
# VO2 at rest (ml/kg/min), the floor of the VO2 reserve.
RESTING_VO2 = 3.5
CTL_DAYS = 42
ATL_DAYS = 7
ACWR_ACUTE_DAYS = 7
ACWR_CHRONIC_DAYS = 28
# Daniels' easy running is 59-74 % of VO2max (*Daniels' Running Formula*, ch. 2): a
# runner's typical (median) run is taken to be easy at the slow end of that band.
TYPICAL_RUN_FRACTION = 0.59


@dataclass(frozen=True)
class RunLoad:
    run_id: str
    day: date
    trimp: float
    estimated: bool


@dataclass(frozen=True)
class DailyLoad:
    """One calendar day: its TRIMP, CTL and ATL at the end of the day, TSB that morning
    (yesterday's CTL - ATL), and the ACWR (``None`` while history is short)."""

    day: date
    trimp: float
    estimated: bool
    ctl: float
    atl: float
    tsb: float
    acwr: float | None


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
    """Sum of TRIMP over each interval between heart-rate samples (or each split)."""
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


def reference_vdot(runs: Iterable[RunRecord], current_vdot: float | None) -> float:
    """The VDOT pace-estimated load is measured against.

    Not simply the current VDOT: for a runner with no race, that comes from the same easy
    runs it would rate, and makes every easy run look like threshold work (an easy hour
    rated TRIMP 185). So the reference is at least the VDOT for which the runner's median
    training pace is easy pace (the slow end of Daniels' band).
    """
    speeds = [run.distance_m / (run.moving_time_s / 60) for run in runs if _countable_run(run)]
    typical = oxygen_cost(statistics.median(speeds)) / TYPICAL_RUN_FRACTION if speeds else 0.0
    best = max(typical, current_vdot or 0.0)
    return best if best > RESTING_VO2 * 2 else DEFAULT_BEGINNER_VDOT


def run_load(run: RunRecord, profile: HeartRateProfile, vdot: float | None = None) -> RunLoad:
    """TRIMP of one run: from the stream or splits, else the average heart rate, else pace."""
    if has_heart_rate_detail(run):
        return RunLoad(run.id, run.day, trimp_from_stream(run, profile), estimated=False)
    if run.average_heart_rate is not None:
        value = trimp_from_average(run.moving_time_s, run.average_heart_rate, profile)
        return RunLoad(run.id, run.day, value, estimated=False)
    reference = vdot if vdot is not None else DEFAULT_BEGINNER_VDOT
    fraction = estimated_reserve_fraction(run.distance_m, run.moving_time_s, reference)
    value = trimp(run.moving_time_s / 60, fraction, profile.sex)
    return RunLoad(run.id, run.day, value, estimated=True)


def decay_factor(time_constant_days: float) -> float:
    """Banister/Coggan: k = 1 - e^(-1/τ) (about 0.133 for 7 days, 0.0235 for 42)."""
    return 1 - math.exp(-1 / time_constant_days)


def smoothing_factor(days: int) -> float:
    """Williams' EWMA: λ = 2/(N+1)."""
    return 2 / (days + 1)


def ewma(values: Iterable[float], factor: float, start: float = 0.0) -> tuple[float, ...]:
    """S_t = factor·x_t + (1 - factor)·S_(t-1), S_(-1) = start."""
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
    """One entry per day from ``since`` (default: the first run) to ``today``.

    ``vdot`` is the reference for pace-estimated runs (see :func:`reference_vdot`).
    """
    loads = [run_load(run, profile, vdot) for run in runs if _countable(run, today)]
    history_start = min((load.day for load in loads), default=None)
    first = since or history_start
    if first is None:
        return ()
    days = [first + timedelta(days=offset) for offset in range((today - first).days + 1)]
    totals, estimated = _per_day(loads)
    series = [totals[day] for day in days]
    ctl, atl = ewma(series, decay_factor(CTL_DAYS)), ewma(series, decay_factor(ATL_DAYS))
    ratio = _acwr(series, days, history_start)
    tsb = [0.0, *(c - a for c, a in zip(ctl, atl, strict=True))][: len(days)]
    return tuple(
        DailyLoad(day, load, day in estimated, c, a, form, r)
        for day, load, c, a, form, r in zip(days, series, ctl, atl, tsb, ratio, strict=True)
    )


def _acwr(series: Sequence[float], days: Sequence[date], history_start: date | None) -> list[float | None]:
    """Williams' ratio; ``None`` before 28 days of history and while chronic load is 0."""
    acute = ewma(series, smoothing_factor(ACWR_ACUTE_DAYS))
    chronic = ewma(series, smoothing_factor(ACWR_CHRONIC_DAYS))
    warm = history_start + timedelta(days=ACWR_CHRONIC_DAYS - 1) if history_start else None
    return [
        a / c if warm is not None and day >= warm and c > 0 else None
        for day, a, c in zip(days, acute, chronic, strict=True)
    ]


def _countable_run(run: RunRecord) -> bool:
    return run.moving_time_s > 0 and run.distance_m > 0 and not run.is_race


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
