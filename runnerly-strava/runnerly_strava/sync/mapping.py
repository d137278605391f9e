"""Strava activities as the data service's ``SourcedRun``.

The data service refuses a whole batch for one invalid run, so the mapping keeps every
number inside the ranges of its schema (with runnerly_core.runs, which the file import
shares) and drops what it cannot make sense of.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runnerly_core import runs
from runnerly_core.runs import bounded as _bounded
from runnerly_core.runs import seconds as _seconds
from runnerly_core.runs import text as _text
from runnerly_core.sports import RUNNING_SPORTS

RACE_WORKOUT_TYPE = 1  # Strava's workout_type for a race, on runs
_ZONE_LABEL = re.compile(r"^\(GMT[^)]*\)\s*(?P<zone>\S+)$")


def is_run(activity: dict) -> bool:
    return (activity.get("sport_type") or activity.get("type")) in RUNNING_SPORTS


@lru_cache(maxsize=512)
def iana_zone(label: str | None) -> str:
    """ "(GMT+00:00) Europe/London" → "Europe/London"; anything unknown → "UTC"."""
    match = _ZONE_LABEL.match((label or "").strip())
    name = match.group("zone") if match else (label or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def summary_run(activity: dict) -> dict | None:
    """The run as a summary shows it, or None when it is not a usable run."""
    if not is_run(activity) or not activity.get("start_date"):
        return None
    moving, elapsed = _seconds(activity.get("moving_time")), _seconds(activity.get("elapsed_time"))
    distance = _bounded(activity.get("distance"), 0, 1_000_000) or 0.0
    if moving == 0:
        moving = elapsed  # a manual entry may carry only its elapsed time
    if distance > 0 and moving == 0:
        return None
    run = {
        "source": "strava",
        "source_id": str(activity["id"]),
        "name": _text(activity.get("name"), 255),
        "sport_type": activity.get("sport_type") or activity.get("type"),
        "is_race": activity.get("workout_type") == RACE_WORKOUT_TYPE,
        "start_time": activity["start_date"],
        "timezone": iana_zone(activity.get("timezone")),
        "distance_m": distance,
        "moving_time_s": moving,
        "elapsed_time_s": max(moving, elapsed),
        "elevation_gain_m": _bounded(activity.get("total_elevation_gain"), 0, 100_000),
        "average_speed_mps": _bounded(activity.get("average_speed"), 0, 100),
        "max_speed_mps": _bounded(activity.get("max_speed"), 0, 100),
        "average_cadence": _bounded(activity.get("average_cadence"), 0, 300),
        "polyline": (activity.get("map") or {}).get("summary_polyline") or None,
        **_heart_rates(activity),
    }
    return {key: value for key, value in run.items() if value is not None}


def detailed_run(activity: dict) -> dict | None:
    """The run with what only the detailed activity has: description, splits, laps, track."""
    run = summary_run(activity)
    if run is None:
        return None
    track = (activity.get("map") or {}).get("polyline")
    extras = {
        "description": _text(activity.get("description"), 10_000),
        "polyline": track or run.get("polyline"),
        "splits": [split for split in map(runs.split_row, activity.get("splits_metric") or []) if split],
        "laps": [lap for lap in map(runs.lap_row, activity.get("laps") or []) if lap],
    }
    return {**run, **{key: value for key, value in extras.items() if value not in (None, "")}}


def summary_hash(activity: dict) -> str:
    """Fingerprint of what a summary says about a run (social counters left out)."""
    run = summary_run(activity) or {"not_a_run": activity.get("sport_type")}
    return hashlib.sha256(json.dumps(run, sort_keys=True).encode()).hexdigest()


def _heart_rates(activity: dict) -> dict:
    return runs.heart_rates(activity.get("average_heartrate"), activity.get("max_heartrate"))
