"""Admin edits of an activity, validated, and the webhook `updates` they imply."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .model import Activity
from .timefmt import parse_iso

SPORT_TYPES = ("Run", "Ride", "Walk", "Swim", "WeightTraining", "Hike", "TrailRun", "VirtualRun")


class EditError(ValueError):
    """An edit the sandbox refuses; the admin API answers 400 with its text."""


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"{field} must be a non-empty string")
    return value


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise EditError(f"{field} must be a positive number")
    return float(value)


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise EditError(f"{field} must be true or false")
    return value


def _rescale(activity: Activity, distance_factor: float, time_factor: float) -> None:
    activity.segments = tuple(
        replace(s, distance=round(s.distance * distance_factor, 1), duration=s.duration * time_factor)
        for s in activity.segments
    )


def _set_distance(activity: Activity, value: Any) -> None:
    if not activity.distance:
        raise EditError("this activity has no distance to change")
    factor = _number(value, "distance") / activity.distance
    _rescale(activity, factor, factor)  # same pace: the moving time follows


def _set_moving_time(activity: Activity, value: Any) -> None:
    _rescale(activity, 1.0, _number(value, "moving_time") / activity.moving_time)


def _set_elapsed_time(activity: Activity, value: Any) -> None:
    elapsed = round(_number(value, "elapsed_time"))
    if elapsed < activity.moving_time:
        raise EditError("elapsed_time cannot be shorter than moving_time")
    activity.pause_seconds = elapsed - activity.moving_time


def _set_sport_type(activity: Activity, value: Any) -> None:
    if value not in SPORT_TYPES:
        raise EditError(f"sport_type must be one of {', '.join(SPORT_TYPES)}")
    if (value == "Run") != (activity.sport_type == "Run"):
        activity.kind = "easy" if value == "Run" else "other"
    activity.sport_type = value


def _set_workout_type(activity: Activity, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise EditError("workout_type must be an integer or null")
    activity.workout_type = value


def _setter(attribute: str, check: Callable[[Any, str], Any]) -> Callable[[Activity, Any], None]:
    def set_value(activity: Activity, value: Any) -> None:
        setattr(activity, attribute, check(value, attribute))

    return set_value


def _optional_text(value: Any, field: str) -> str | None:
    return None if value is None else _text(value, field)


_SETTERS: dict[str, Callable[[Activity, Any], None]] = {
    "name": _setter("name", _text),
    "sport_type": _set_sport_type,
    "private": _setter("private", _flag),
    "commute": _setter("commute", _flag),
    "trainer": _setter("trainer", _flag),
    "description": _setter("description", _optional_text),
    "gear_id": _setter("gear_id", _optional_text),
    "workout_type": _set_workout_type,
    "start_date": lambda activity, value: setattr(activity, "start", _start(value)),
    # Order matters: distance keeps the pace, then moving and elapsed time override.
    "distance": _set_distance,
    "moving_time": _set_moving_time,
    "elapsed_time": _set_elapsed_time,
}


def _start(value: Any) -> int:
    try:
        return parse_iso(_text(value, "start_date"))
    except ValueError as error:
        raise EditError(f"start_date is not an ISO 8601 time: {value}") from error


def apply_edits(activity: Activity, fields: dict[str, Any]) -> Activity:
    """A copy of the activity with the edits applied; the original is untouched."""
    unknown = sorted(set(fields) - set(_SETTERS) - {"athlete_id"})
    if unknown:
        raise EditError(f"unknown fields: {', '.join(unknown)}")
    edited = replace(activity)
    for name, setter in _SETTERS.items():
        if name in fields:
            setter(edited, fields[name])
    return edited


def webhook_updates(before: Activity, after: Activity) -> dict[str, str]:
    """The `updates` Strava sends: only title, type and privacy are reported."""
    updates = {}
    if before.name != after.name:
        updates["title"] = after.name
    if before.sport_type != after.sport_type:
        updates["type"] = after.sport_type
    if before.private != after.private:
        updates["private"] = "true" if after.private else "false"
    return updates
