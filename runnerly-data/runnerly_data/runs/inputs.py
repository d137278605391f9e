"""Turning a run as the API receives it into column values, with the rules the schema
cannot express (moving time within elapsed time, a real time zone ...)."""

from __future__ import annotations

import hashlib
import itertools
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
MAX_STREAM_SAMPLES = 20_000
STREAM_MAXIMA = {"heartrate": 250, "cadence": 300}
# A full run replaces every field: what the new payload leaves out is reset, not kept.
FULL_RUN_DEFAULTS = {
    **dict.fromkeys((*NUMBER_FIELDS, "polyline", "splits", "laps", "raw", "streams")),
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
    for name in ("raw", "streams"):
        if name in item:
            columns[name] = item[name]
    _set_times(columns, item)
    if columns.get("elapsed_time_s") is None:
        columns["elapsed_time_s"] = columns["moving_time_s"]
    _check_consistency(columns)
    if columns.get("average_speed_mps") is None and columns["moving_time_s"]:
        columns["average_speed_mps"] = round(columns["distance_m"] / columns["moving_time_s"], 3)
    return PreparedRun(columns, content_hash(item))


# How to write an item, not what it holds: they do not make its content differ.
DIRECTIVES = frozenset({"adopt", "match_existing"})


def content_hash(item: dict) -> str:
    content = {name: value for name, value in item.items() if name not in DIRECTIVES}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
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
    _check_streams(columns.get("streams"))


def _check_streams(streams: dict | None) -> None:
    """As many samples in each stream as times, times in order, values in range: what the
    schema's patterns cannot say."""
    if not streams:
        return
    times = [int(value) for value in streams["time_s"].split(",")]
    if len(times) > MAX_STREAM_SAMPLES:
        raise InvalidRun("streams", f"streams hold at most {MAX_STREAM_SAMPLES} samples.")
    if any(later < earlier for earlier, later in itertools.pairwise(times)):
        raise InvalidRun("streams", "streams.time_s must not go back in time.")
    for name, high in STREAM_MAXIMA.items():
        if streams.get(name) is None:
            continue
        values = [int(value) for value in streams[name].split(",") if value]
        if streams[name].count(",") + 1 != len(times):
            raise InvalidRun("streams", f"streams.{name} needs one value (or none) for each time.")
        if values and max(values) > high:
            raise InvalidRun("streams", f"streams.{name} goes over {high}.")
