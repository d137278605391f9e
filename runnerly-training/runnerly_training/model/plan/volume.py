"""Phases and weekly volume: how many km each week of the plan asks for.

Volume grows 8 % a week (the cap checked by tests is 10 %) from the runner's recent
volume toward a peak set by the race distance. Every 4th full week is a recovery week at
75 %, and the week after it returns to the last full week's level, never above it: the
recovery week absorbs the load, it does not license a jump. The taper takes fixed
fractions of the last level, the race week included. A plan that starts mid-week uses
what is left of that week: a short, easy, partial week at the starting level.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from .distances import category_distance
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
# Three runs of 3 km: the least a race plan is built on, and the least a recovery week
# drops to, so that a runner on three days a week keeps three runs.
MIN_START_KM = 9.0
MIN_WEEK_KM = MIN_START_KM


@dataclass(frozen=True)
class WeekFrame:
    """One week's volume. ``number`` counts full weeks from 1; a partial first week is 0."""

    week_start: date
    phase: Phase
    is_recovery: bool
    target_km: float
    level_km: float
    number: int = 1
    is_partial: bool = False


def by_distance(table: Sequence[tuple[float, T]], distance_m: float) -> T:
    """The entry of the first distance bound at or above ``distance_m`` (standard races
    recognised within tolerance: a 42.2 km marathon takes the marathon's entry)."""
    distance = category_distance(distance_m)
    for bound, value in table:
        if distance <= bound:
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


def taper_fractions(distance_m: float) -> tuple[float, ...]:
    return by_distance(TAPER_BY_DISTANCE, distance_m)


def phases(total_weeks: int, distance_m: float) -> list[Phase]:
    """Base, build, peak and taper sized to the weeks available, the taper first."""
    taper = min(total_weeks, len(taper_fractions(distance_m)))
    pre = total_weeks - taper
    base = math.floor(pre * BASE_SHARE + 0.5)
    peak = math.floor(pre * PEAK_SHARE + 0.5)
    build = pre - base - peak
    return [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak + [Phase.TAPER] * taper


def week_frames(
    first_day: date,
    race_date: date,
    distance_m: float,
    volumes: tuple[float, float],
    partial_share: float,
) -> tuple[WeekFrame, ...]:
    """One frame per week from the week of ``first_day`` through the race week.

    ``volumes`` is (start, peak) in km; ``partial_share`` the share of the week's run days
    still ahead when the plan starts mid-week.
    """
    start, peak = volumes
    monday = first_day - timedelta(days=first_day.weekday())
    total = (race_date - monday).days // 7 + 1
    partial = first_day != monday and total > 1
    full_monday = monday + timedelta(weeks=1) if partial else monday
    phase_list = phases(total - partial, distance_m)
    pre_taper = len(phase_list) - phase_list.count(Phase.TAPER)
    frames = _pre_taper_frames(full_monday, phase_list[:pre_taper], start, peak)
    level = frames[-1].level_km if frames else start
    taper = _taper_frames(full_monday, pre_taper, len(phase_list), distance_m, level)
    if partial:
        first = WeekFrame(monday, Phase.BASE, False, _tenth(start * partial_share), start, 0, True)
        return (first, *frames, *taper)
    return frames + taper


def _pre_taper_frames(
    first_monday: date, phase_list: Sequence[Phase], start: float, peak: float
) -> tuple[WeekFrame, ...]:
    frames: list[WeekFrame] = []
    level = start
    for index, phase in enumerate(phase_list):
        number = index + 1
        # The week before the taper is never a recovery week: the taper recovers.
        recovery = number % RECOVERY_EVERY == 0 and number < len(phase_list)
        after_recovery = bool(frames) and frames[-1].is_recovery
        if index > 0 and not recovery and not after_recovery:
            level = min(level * GROWTH_PER_WEEK, peak)
        target = max(level * RECOVERY_FACTOR, min(MIN_WEEK_KM, level)) if recovery else level
        week_start = first_monday + timedelta(weeks=index)
        frames.append(WeekFrame(week_start, phase, recovery, _tenth(target), level, number))
    return tuple(frames)


def _taper_frames(
    first_monday: date, pre_taper: int, total: int, distance_m: float, level: float
) -> tuple[WeekFrame, ...]:
    fractions = taper_fractions(distance_m)[-(total - pre_taper) :] if total > pre_taper else ()
    return tuple(
        WeekFrame(
            first_monday + timedelta(weeks=pre_taper + offset),
            Phase.TAPER,
            False,
            _tenth(level * fraction),
            level,
            pre_taper + offset + 1,
        )
        for offset, fraction in enumerate(fractions)
    )


def _tenth(km: float) -> float:
    return round(km, 1)
