"""Training load and heart-rate zones for the kept year, as the cache keeps them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runnerly_training.dates import monday_of
from runnerly_training.load.profile import heart_rate_profile
from runnerly_training.model import (
    DailyLoad,
    HeartRateZone,
    RunRecord,
    WeeklyZoneTime,
    daily_loads,
    heart_rate_zones,
    reference_vdot,
    weekly_time_in_zones,
)
from runnerly_training.model.load import CTL_DAYS

# Load is kept for the year up to today, CTL and ATL warmed up on twice CTL's time constant
# before it, so that the first kept day does not start from an empty history.
WINDOW_DAYS = 365
WARM_UP_DAYS = 2 * CTL_DAYS
DEFAULT_RANGE_DAYS = 84
ZONE_BUCKETS = ("below_zone_1", "zone_1", "zone_2", "zone_3", "zone_4", "zone_5")


def load_document(user: dict, runs: Sequence[RunRecord], today: date, vdot: float | None) -> dict:
    """A runner's daily load, zones and weekly zone times for the kept year."""
    in_use = heart_rate_profile(user, today)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    warm_up = first - timedelta(days=WARM_UP_DAYS)
    reference = reference_vdot(runs, vdot)
    loads = daily_loads(runs, in_use.profile, today, vdot=reference, since=warm_up)
    zone_runs = [run for run in runs if monday_of(first) <= run.day <= today]
    return {
        "first_day": first.isoformat(),
        "profile": in_use.json(),
        "zones": [_zone_json(zone) for zone in heart_rate_zones(in_use.profile)],
        "days": [_day_json(load) for load in loads if load.day >= first],
        "weeks": [_week_json(week) for week in weekly_time_in_zones(zone_runs, in_use.profile)],
    }


def _day_json(load: DailyLoad) -> dict:
    return {
        "date": load.day.isoformat(),
        "trimp": round(load.trimp, 1),
        "estimated": load.estimated,
        "ctl": round(load.ctl, 2),
        "atl": round(load.atl, 2),
        "tsb": round(load.tsb, 2),
        "acwr": None if load.acwr is None else round(load.acwr, 3),
    }


def _zone_json(zone: HeartRateZone) -> dict:
    return {
        "zone": zone.number,
        "min_bpm": round(zone.min_bpm, 1),
        "max_bpm": round(zone.max_bpm, 1),
        "min_reserve_fraction": zone.min_reserve_fraction,
        "max_reserve_fraction": zone.max_reserve_fraction,
    }


def _week_json(week: WeeklyZoneTime) -> dict:
    return {
        "week_start": week.week_start.isoformat(),
        "iso_year": week.iso_year,
        "iso_week": week.iso_week,
        "seconds": {name: round(s, 1) for name, s in zip(ZONE_BUCKETS, week.seconds_by_zone, strict=True)},
        "no_heart_rate_s": round(week.no_heart_rate_s, 1),
    }
