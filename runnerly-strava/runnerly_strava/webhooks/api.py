"""Handlers of /webhook: Strava's subscription check and its events."""

from flask import request

from runnerly_core.responses import ok
from runnerly_strava.access import current_runtime
from runnerly_strava.extensions import db
from runnerly_strava.webhooks import intake


def validate_subscription():
    # Connexion validated the hub.* parameters; their dotted names are read from the query.
    args = request.args
    answer = intake.challenge_answer(
        current_runtime(), args["hub.mode"], args["hub.verify_token"], args["hub.challenge"]
    )
    return ok(answer)


def receive_event(body: dict):
    runtime = current_runtime()
    event_id = intake.record_event(db.session, runtime, body)
    if event_id is not None:
        runtime.jobs.webhook_event(event_id)
    return ok({"received": True})
