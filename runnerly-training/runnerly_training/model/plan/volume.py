"""Phases and weekly volume: how many km each week of the plan asks for.

Volume grows 8 % a week (the cap checked by tests is 10 %) from the runner's
recent volume toward a peak set by the race distance; every 4th week is a
recovery week at 75 %; the taper takes fixed fractions of the last level.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from .entities import Phase

T = TypeVar("T")

GROWTH_PER_WEEK = 1.08
MAX_WEEKLY_INCREASE = 1.10
RECOVERY_EVERY = 4
RECOVERY_FACTOR = 0.75
BASE_SHARE = 0.35
PEAK_SHARE = 0.25
# Peak weekly km by race distance (upper distance bound, km): typical of plans for
# recreational runners; runners already above it keep their own volume.
PEAK_KM_BY_DISTANCE = ((5000.0, 50.0), (10_000.0, 55.0), (21_097.5, 65.0), (42_195.0, 75.0))
# Training volume of each taper week, as a fraction of the last level; the last
# entry is the race week without the race.
TAPER_BY_DISTANCE: tuple[tuple[float, tuple[float, ...]], ...] = (
    (10_000.0, (0.55,)),
    (21_097.5, (0.70, 0.45)),
    (42_195.0, (0.75, 0.55, 0.35)),
)
MAX_KM_PER_RUN_DAY = 14.0
# Never plan more than double the runner's recent volume within one cycle.
MAX_GROWTH_OVER_PLAN = 2.0
# Three runs of 3 km: the least a race plan is built on.
MIN_START_KM = 9.0


@dataclass(frozen=True)
class WeekFrame:
    week_start: date
    phase: Phase
    is_recovery: bool
    target_km: float
    level_km: float


def by_distance(table: Sequence[tuple[float, T]], distance_m: float) -> T:
    """The entry of the first distance bound at or above ``distance_m``."""
    for bound, value in table:
        if distance_m <= bound:
            return value
    return table[-1][1]


def start_km(recent_weekly_km: float, max_weekly_km: float | None) -> float:
    start = max(recent_weekly_km, MIN_START_KM)
    return min(start, max_weekly_km) if max_weekly_km else start


def peak_km(distance_m: float, start: float, days_per_week: int, cap: float | None) -> float:
    """The level volume grows toward: distance target, per-day and doubling limits."""
    target = min(
        by_distance(PEAK_KM_BY_DISTANCE, distance_m),
        MAX_KM_PER_RUN_DAY * days_per_week,
        MAX_GROWTH_OVER_PLAN * start,
    )
    peak = max(target, start)
    return min(peak, cap) if cap else peak


def phases(total_weeks: int, distance_m: float) -> list[Phase]:
    """Base, build, peak and taper sized to the weeks available, the taper first."""
    taper = min(total_weeks, len(by_distance(TAPER_BY_DISTANCE, distance_m)))
    pre = total_weeks - taper
    base = math.floor(pre * BASE_SHARE + 0.5)
    peak = math.floor(pre * PEAK_SHARE + 0.5)
    build = pre - base - peak
    return [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak + [Phase.TAPER] * taper


def week_frames(
    first_monday: date, race_date: date, distance_m: float, start: float, peak: float
) -> tuple[WeekFrame, ...]:
    """One frame per week from ``first_monday`` through the race week."""
    total = (race_date - first_monday).days // 7 + 1
    phase_list = phases(total, distance_m)
    pre_taper = len(phase_list) - phase_list.count(Phase.TAPER)
    frames = _pre_taper_frames(first_monday, phase_list[:pre_taper], start, peak)
    level = frames[-1].level_km if frames else start
    taper = _taper_frames(first_monday, pre_taper, total, distance_m, level)
    return frames + taper


def _pre_taper_frames(
    first_monday: date, phase_list: Sequence[Phase], start: float, peak: float
) -> tuple[WeekFrame, ...]:
    frames = []
    level = start
    for index, phase in enumerate(phase_list):
        number = index + 1
        # The week before the taper is never a recovery week: the taper recovers.
        recovery = number % RECOVERY_EVERY == 0 and number < len(phase_list)
        if index > 0 and not recovery:
            level = min(level * GROWTH_PER_WEEK, peak)
        target = level * RECOVERY_FACTOR if recovery else level
        week_start = first_monday + timedelta(weeks=index)
        frames.append(WeekFrame(week_start, phase, recovery, _tenth(target), level))
    return tuple(frames)


def _taper_frames(
    first_monday: date, pre_taper: int, total: int, distance_m: float, level: float
) -> tuple[WeekFrame, ...]:
    fractions = by_distance(TAPER_BY_DISTANCE, distance_m)[-(total - pre_taper) :]
    return tuple(
        WeekFrame(
            first_monday + timedelta(weeks=pre_taper + offset),
            Phase.TAPER,
            False,
            _tenth(level * fraction),
            level,
        )
        for offset, fraction in enumerate(fractions)
    )


def _tenth(km: float) -> float:
    return round(km, 1)
