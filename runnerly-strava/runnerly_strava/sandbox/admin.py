"""The sandbox's own control API under /_sandbox/ (JSON; not a Strava path).

Errors are RFC 7807 problem+json, like every other Runnerly API.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, replace
from http import HTTPStatus
from typing import Any

from flask import Blueprint, Response, jsonify, request

from . import serialize
from .core import current_sandbox
from .edits import EditError

admin = Blueprint("sandbox_admin", __name__, url_prefix="/_sandbox")
_FAULT_FIELDS = ("rate_limited", "server_errors", "server_error_status", "latency_ms")
_SERVER_ERROR_STATUSES = (500, 502, 503, 504)


class AdminError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@admin.errorhandler(AdminError)
def _problem(error: AdminError) -> Response:
    title = HTTPStatus(error.status).phrase
    response = jsonify(
        {"type": "about:blank", "title": title, "status": error.status, "detail": error.detail}
    )
    response.status_code = error.status
    response.mimetype = "application/problem+json"
    return response


@admin.before_request
def _check_admin_token() -> None:
    expected = current_sandbox().config.admin_token
    if expected is None:
        return
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given, expected):
        raise AdminError(401, "the admin API needs 'Authorization: Bearer <admin token>'")


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if body is None and not request.get_data():
        return {}
    if not isinstance(body, dict):
        raise AdminError(400, "the body must be a JSON object")
    return body


def _athlete_json(athlete_id: int) -> dict[str, Any]:
    store = current_sandbox().activities
    return {**serialize.summary_athlete(store.athletes[athlete_id]), "stats": store.stats(athlete_id)}


@admin.get("/")
def overview() -> Any:
    sandbox = current_sandbox()
    config = sandbox.config
    return jsonify({
        "client_ids": [a.client_id for a in config.applications],
        "seed": config.seed,
        "activity_counts": dict(config.activity_counts),
        "access_token_lifetime": config.access_token_lifetime,
        "rate_limits": asdict(sandbox.limiter.limits),
        "now": sandbox.clock(),
    })  # fmt: skip


@admin.get("/athletes")
def list_athletes() -> Any:
    return jsonify([_athlete_json(athlete_id) for athlete_id in current_sandbox().activities.athletes])


@admin.get("/athletes/<int:athlete_id>")
def get_athlete(athlete_id: int) -> Any:
    if athlete_id not in current_sandbox().activities.athletes:
        raise AdminError(404, f"no athlete {athlete_id}")
    return jsonify(_athlete_json(athlete_id))


@admin.get("/activities/<int:activity_id>")
def get_activity(activity_id: int) -> Any:
    store = current_sandbox().activities
    activity = store.get(activity_id)
    if activity is None:
        raise AdminError(404, f"no activity {activity_id}")
    return jsonify(serialize.detailed_activity(activity, store.athletes[activity.athlete_id]))


@admin.post("/activities")
def create_activity() -> Any:
    sandbox = current_sandbox()
    try:
        activity, change = sandbox.activities.create(_body(), sandbox.clock())
    except EditError as error:
        raise AdminError(400, str(error)) from error
    sandbox.notify_activity(change)
    athlete = sandbox.activities.athletes[activity.athlete_id]
    return jsonify(serialize.summary_activity(activity, athlete)), 201


@admin.patch("/activities/<int:activity_id>")
def update_activity(activity_id: int) -> Any:
    sandbox = current_sandbox()
    try:
        activity, change = sandbox.activities.update(activity_id, _body())
    except LookupError as error:
        raise AdminError(404, str(error)) from error
    except EditError as error:
        raise AdminError(400, str(error)) from error
    sandbox.notify_activity(change)
    return jsonify(serialize.summary_activity(activity, sandbox.activities.athletes[activity.athlete_id]))


@admin.delete("/activities/<int:activity_id>")
def delete_activity(activity_id: int) -> Response:
    sandbox = current_sandbox()
    try:
        change = sandbox.activities.delete(activity_id)
    except LookupError as error:
        raise AdminError(404, str(error)) from error
    sandbox.notify_activity(change)
    return Response(status=204)


@admin.get("/faults")
def get_faults() -> Any:
    return jsonify(current_sandbox().faults.settings())


def _fault_changes(body: dict[str, Any]) -> dict[str, int]:
    unknown = set(body) - set(_FAULT_FIELDS)
    if unknown:
        raise AdminError(400, f"unknown fault fields: {', '.join(sorted(unknown))}")
    for name, value in body.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise AdminError(400, f"{name} must be a non-negative integer")
    if body.get("server_error_status", 500) not in _SERVER_ERROR_STATUSES:
        raise AdminError(400, f"server_error_status must be one of {_SERVER_ERROR_STATUSES}")
    return body


@admin.post("/faults")
def set_faults() -> Any:
    return jsonify(current_sandbox().faults.configure(**_fault_changes(_body())))


@admin.delete("/faults")
def clear_faults() -> Any:
    sandbox = current_sandbox()
    sandbox.faults.clear()
    return jsonify(sandbox.faults.settings())


@admin.post("/tokens/expire")
def expire_tokens() -> Any:
    return jsonify({"expired": current_sandbox().tokens.expire_all()})


@admin.get("/rate-limits")
def get_rate_limits() -> Any:
    limiter = current_sandbox().limiter
    return jsonify({"limits": asdict(limiter.limits), "usage": limiter.usage()})


def _limit_pair(value: Any, name: str) -> tuple[int, int]:
    valid = isinstance(value, list) and len(value) == 2
    if not valid or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value):
        raise AdminError(400, f"{name} must be [fifteen_minute_limit, daily_limit], positive integers")
    return value[0], value[1]


@admin.put("/rate-limits")
def set_rate_limits() -> Any:
    body = _body()
    if set(body) - {"overall", "read"}:
        raise AdminError(400, "only 'overall' and 'read' can be set")
    limiter = current_sandbox().limiter
    limiter.set_limits(replace(limiter.limits, **{k: _limit_pair(v, k) for k, v in body.items()}))
    return jsonify({"limits": asdict(limiter.limits), "usage": limiter.usage()})


@admin.get("/requests")
def get_requests() -> Any:
    since = request.args.get("since", "0")
    if not since.isdigit():
        raise AdminError(400, "since must be a request sequence number")
    return jsonify(current_sandbox().requests.report(int(since)))


@admin.delete("/requests")
def clear_requests() -> Response:
    current_sandbox().requests.reset()
    return Response(status=204)


@admin.get("/webhooks")
def get_webhooks() -> Any:
    sandbox = current_sandbox()
    subscriptions = [sandbox.subscriptions.of_client(a.client_id) for a in sandbox.config.applications]
    report = sandbox.dispatcher.report()
    return jsonify({"subscriptions": [s.to_json() for s in subscriptions if s], **report})


@admin.get("/clock")
def get_clock() -> Any:
    return jsonify({"now": current_sandbox().clock()})


@admin.post("/clock")
def advance_clock() -> Any:
    seconds = _body().get("advance")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise AdminError(400, "advance must be a non-negative number of seconds")
    return jsonify({"now": current_sandbox().clock.advance(seconds)})


@admin.post("/reset")
def reset() -> Any:
    seed = _body().get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise AdminError(400, "seed must be an integer")
    sandbox = current_sandbox()
    sandbox.reset(seed)
    return overview()
