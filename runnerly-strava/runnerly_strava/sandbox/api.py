"""Strava's /api/v3 read endpoints: the athlete, their activities and streams."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from . import guard, push, serialize
from .clients import requires_token
from .core import current_sandbox
from .errors import bad_request, not_found
from .model import Activity
from .tokens import AccessToken

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 30
ACTIVITY_SCOPES = ("activity:read", "activity:read_all")

api = Blueprint("strava_api", __name__, url_prefix="/api/v3")
api.before_request(guard.limit_api_request)
api.after_request(guard.add_rate_limit_headers)
push.register(api)


def _int_arg(name: str, default: int | None, minimum: int | None = None) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request("Application", name) from None
    if minimum is not None and value < minimum:
        raise bad_request("Application", name)
    return value


def _visible_activity(token: AccessToken, activity_id: int) -> Activity:
    """The caller's own activity; private ones need activity:read_all, else 404."""
    activity = current_sandbox().activities.get(activity_id)
    hidden = activity is None or activity.athlete_id != token.athlete_id
    if hidden or (activity.private and not token.has("activity:read_all")):
        raise not_found("Activity")
    return activity


@api.get("/athlete")
@requires_token("read", "read_all", "profile:read_all", permission="read")
def get_athlete(token: AccessToken) -> Any:
    athlete = current_sandbox().activities.athletes[token.athlete_id]
    if token.has("profile:read_all"):
        return jsonify(serialize.detailed_athlete(athlete))
    return jsonify(serialize.summary_athlete(athlete))


@api.get("/athlete/activities")
@requires_token(*ACTIVITY_SCOPES, permission="activity:read")
def list_activities(token: AccessToken) -> Any:
    before, after = _int_arg("before", None), _int_arg("after", None)
    page = _int_arg("page", 1, minimum=1)
    per_page = _int_arg("per_page", DEFAULT_PER_PAGE, minimum=1)
    if per_page > MAX_PER_PAGE:
        raise bad_request("Application", "per_page")
    sandbox = current_sandbox()
    found = sandbox.activities.of_athlete(token.athlete_id, token.has("activity:read_all"))
    found = [a for a in found if (before is None or a.start < before) and (after is None or a.start > after)]
    if after is not None:
        found.reverse()  # Strava pages forward in time when asked for "after"
    chosen = found[(page - 1) * per_page : page * per_page]
    athlete = sandbox.activities.athletes[token.athlete_id]
    return jsonify([serialize.summary_activity(a, athlete) for a in chosen])


@api.get("/activities/<int:activity_id>")
@requires_token(*ACTIVITY_SCOPES, permission="activity:read")
def get_activity(token: AccessToken, activity_id: int) -> Any:
    activity = _visible_activity(token, activity_id)
    athlete = current_sandbox().activities.athletes[token.athlete_id]
    return jsonify(serialize.detailed_activity(activity, athlete))


@api.get("/activities/<int:activity_id>/streams")
@requires_token(*ACTIVITY_SCOPES, permission="activity:read")
def get_streams(token: AccessToken, activity_id: int) -> Any:
    activity = _visible_activity(token, activity_id)
    keys = [key for value in request.args.getlist("keys") for key in value.split(",") if key]
    if not keys:
        raise bad_request("Stream", "keys")
    by_type = request.args.get("key_by_type", "false").lower() == "true"
    athlete = current_sandbox().activities.athletes[token.athlete_id]
    return jsonify(serialize.stream_set(activity, athlete, keys, by_type))
