"""Receiving Strava's push events: validation of the subscription, and recording events.

Events are not signed, so one is accepted only when it names our subscription. The
handler answers at once: the event is stored (once, whatever the number of deliveries)
and a worker does the rest.
"""

from __future__ import annotations

import secrets

import requests
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_core.problems import forbidden
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.api import TIMEOUT, raise_for_strava
from runnerly_strava.webhooks.models import Subscription, WebhookEvent


def challenge_answer(runtime: Runtime, mode: str, verify_token: str, challenge: str) -> dict:
    if mode != "subscribe" or not secrets.compare_digest(verify_token, runtime.webhook_verify_token):
        raise forbidden("The verify token does not match this service's.")
    return {"hub.challenge": challenge}


def record_event(session: Session, runtime: Runtime, event: dict) -> int | None:
    """The new event's id, or None when it was received before."""
    if event["subscription_id"] not in _our_subscriptions(session, runtime):
        raise forbidden("Unknown subscription_id.")
    row = WebhookEvent(
        object_type=event["object_type"],
        object_id=event["object_id"],
        aspect_type=event["aspect_type"],
        event_time=event["event_time"],
        owner_id=event["owner_id"],
        updates=event.get("updates") or {},
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None  # Strava delivered it again
    session.commit()
    return row.id


def _our_subscriptions(session: Session, runtime: Runtime) -> set[int]:
    stored = set(session.scalars(select(Subscription.id)))
    configured = runtime.settings.webhook_subscription_id
    return stored | ({configured} if configured else set())


def subscribe(session: Session, runtime: Runtime, callback_url: str) -> int:
    """Create the application's push subscription (Strava calls the callback to check it)."""
    settings = runtime.settings
    form = {
        "client_id": settings.strava_client_id,
        "client_secret": settings.strava_client_secret.get_secret_value(),
        "callback_url": callback_url,
        "verify_token": runtime.webhook_verify_token,
    }
    response = requests.post(f"{settings.api_url}/push_subscriptions", data=form, timeout=TIMEOUT)
    raise_for_strava(response)
    subscription_id = int(response.json()["id"])
    session.merge(Subscription(id=subscription_id, callback_url=callback_url))
    session.commit()
    return subscription_id
