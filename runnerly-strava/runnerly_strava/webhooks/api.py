"""Handlers of /webhook/{path_secret}: Strava's subscription check and its events."""

import secrets

from flask import request
from werkzeug.exceptions import NotFound

from runnerly_core.responses import ok
from runnerly_strava.access import current_runtime
from runnerly_strava.extensions import db
from runnerly_strava.runtime import Runtime
from runnerly_strava.webhooks import intake


def validate_subscription(path_secret: str):
    runtime = _runtime_behind(path_secret)
    # Connexion validated the hub.* parameters; their dotted names are read from the query.
    args = request.args
    answer = intake.challenge_answer(
        runtime, args["hub.mode"], args["hub.verify_token"], args["hub.challenge"]
    )
    return ok(answer)


def receive_event(path_secret: str, body: dict):
    runtime = _runtime_behind(path_secret)
    event_id = intake.record_event(db.session, runtime, body)
    if event_id is not None:
        runtime.jobs.webhook_event(event_id)
    return ok({"received": True})


def _runtime_behind(path_secret: str) -> Runtime:
    """The runtime, when the path holds this deployment's secret; else 404, the very
    answer of a path that does not exist, so that a guess learns nothing."""
    runtime = current_runtime()
    if not secrets.compare_digest(path_secret.encode(), runtime.webhook_path_secret.encode()):
        raise NotFound()
    return runtime
