"""Turning a run as the API receives it into column values, with the rules the schema
cannot express (moving time within elapsed time, a real time zone ...)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from runnerly_core.dates import parse_instant
from runnerly_core.problems import ProblemException
from runnerly_data.timezones import local_wall_clock, zone

NUMBER_FIELDS = (
    "distance_m",
    "moving_time_s",
    "elapsed_time_s",
    "elevation_gain_m",
    "average_speed_mps",
    "max_speed_mps",
    "average_heartrate",
    "max_heartrate",
    "average_cadence",
)
TEXT_FIELDS = ("name", "description", "sport_type", "is_race", "polyline", "splits", "laps")
# A full run replaces every field: what the new payload leaves out is reset, not kept.
FULL_RUN_DEFAULTS = {
    **dict.fromkeys((*NUMBER_FIELDS, "polyline", "splits", "laps", "raw")),
    "name": "",
    "description": "",
    "sport_type": "Run",
    "is_race": False,
}


class InvalidRun(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PreparedRun:
    columns: dict
    content_hash: str


def prepare(item: dict, base: dict | None = None) -> PreparedRun:
    """Column values for ``item`` (a full run, or changes over ``base``'s columns)."""
    given = {name: item[name] for name in (*NUMBER_FIELDS, *TEXT_FIELDS) if name in item}
    columns = {**(FULL_RUN_DEFAULTS if base is None else base), **given}
    if "raw" in item:
        columns["raw"] = item["raw"]
    _set_times(columns, item)
    if columns.get("elapsed_time_s") is None:
        columns["elapsed_time_s"] = columns["moving_time_s"]
    _check_consistency(columns)
    if columns.get("average_speed_mps") is None and columns["moving_time_s"]:
        columns["average_speed_mps"] = round(columns["distance_m"] / columns["moving_time_s"], 3)
    return PreparedRun(columns, content_hash(item))


def content_hash(item: dict) -> str:
    canonical = json.dumps(item, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _set_times(columns: dict, item: dict) -> None:
    if "timezone" in item:
        _require_zone(item["timezone"])
        columns["timezone"] = item["timezone"]
    columns.setdefault("timezone", "UTC")
    if "start_time" in item:
        try:
            columns["start_time"] = parse_instant(item["start_time"], "start_time")
        except ProblemException as problem:
            raise InvalidRun("start_time", problem.detail) from None
    columns["start_time_local"] = local_wall_clock(columns["start_time"], columns["timezone"])


def _require_zone(name: str) -> None:
    try:
        zone(name)
    except ProblemException as problem:
        raise InvalidRun("timezone", problem.detail) from None


def _check_consistency(columns: dict) -> None:
    if columns["moving_time_s"] > columns["elapsed_time_s"]:
        raise InvalidRun("moving_time_s", "moving_time_s cannot exceed elapsed_time_s.")
    average, maximum = columns.get("average_heartrate"), columns.get("max_heartrate")
    if average is not None and maximum is not None and average > maximum:
        raise InvalidRun("average_heartrate", "average_heartrate cannot exceed max_heartrate.")
    if columns["distance_m"] > 0 and columns["moving_time_s"] == 0:
        raise InvalidRun("moving_time_s", "A run with a distance needs a moving time.")
