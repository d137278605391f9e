"""Karvonen heart-rate zones and time spent in each, per ISO week."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .heart_rate import HeartRateProfile, heart_rate_at, reserve_fraction
from .runs import RunRecord, has_heart_rate_detail, heart_rate_intervals

# Lower bounds of zones 1-5 as fractions of heart-rate reserve; zone 5 ends at 100 %.
ZONE_FLOORS = (0.5, 0.6, 0.7, 0.8, 0.9)
ZONE_COUNT = len(ZONE_FLOORS)


@dataclass(frozen=True)
class HeartRateZone:
    number: int
    min_bpm: float
    max_bpm: float
    min_reserve_fraction: float
    max_reserve_fraction: float


@dataclass(frozen=True)
class WeeklyZoneTime:
    """Seconds per zone in one ISO week.

    ``seconds_by_zone[0]`` is time below zone 1 (under 50 % of reserve), then zones
    1-5; ``no_heart_rate_s`` is moving time of runs recorded without heart rate.
    """

    week_start: date
    iso_year: int
    iso_week: int
    seconds_by_zone: tuple[float, ...]
    no_heart_rate_s: float


def heart_rate_zones(profile: HeartRateProfile) -> tuple[HeartRateZone, ...]:
    """The five Karvonen zones of a profile, in bpm."""
    ceilings = (*ZONE_FLOORS[1:], 1.0)
    return tuple(
        HeartRateZone(number, heart_rate_at(low, profile), heart_rate_at(high, profile), low, high)
        for number, (low, high) in enumerate(zip(ZONE_FLOORS, ceilings, strict=True), 1)
    )


def zone_of(bpm: float, profile: HeartRateProfile) -> int:
    """Zone number 1-5 for a heart rate, 0 below zone 1; above maximum counts as zone 5."""
    fraction = reserve_fraction(bpm, profile)
    return sum(1 for floor in ZONE_FLOORS if fraction >= floor)


def weekly_time_in_zones(runs: Iterable[RunRecord], profile: HeartRateProfile) -> tuple[WeeklyZoneTime, ...]:
    """Time in zones per ISO week, oldest first; weeks without runs are left out."""
    weeks: dict[date, list[float]] = defaultdict(lambda: [0.0] * (ZONE_COUNT + 2))
    for run in runs:
        buckets = weeks[_monday_of(run.day)]
        for zone, seconds in _zone_seconds(run, profile):
            buckets[zone] += seconds
    return tuple(_weekly(monday, buckets) for monday, buckets in sorted(weeks.items()))


def _zone_seconds(run: RunRecord, profile: HeartRateProfile) -> list[tuple[int, float]]:
    """(bucket, seconds) pairs; bucket ZONE_COUNT + 1 collects time without heart rate."""
    if has_heart_rate_detail(run):
        return [(zone_of(bpm, profile), seconds) for bpm, seconds in heart_rate_intervals(run)]
    if run.average_heart_rate is not None:
        return [(zone_of(run.average_heart_rate, profile), run.moving_time_s)]
    return [(ZONE_COUNT + 1, run.moving_time_s)]


def _weekly(monday: date, buckets: list[float]) -> WeeklyZoneTime:
    year, week, _ = monday.isocalendar()
    return WeeklyZoneTime(monday, year, week, tuple(buckets[: ZONE_COUNT + 1]), buckets[-1])


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
