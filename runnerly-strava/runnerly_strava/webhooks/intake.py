"""Receiving Strava's push events: validation of the subscription, and recording events.

Events are not signed. Only who knows the callback URL (its secret path segment) can post
one, and every well-formed event gets the same answer: one that names another
subscription is dropped without a word, so the answer tells nothing about which ids are
ours. The handler answers at once: the event is stored (once, whatever the number of
deliveries) and a worker checks it with Strava and does the rest.
"""

from __future__ import annotations

import secrets

import requests
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_core.problems import forbidden
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.client import TIMEOUT, raise_for_strava
from runnerly_strava.webhooks.models import Subscription, WebhookEvent


def challenge_answer(runtime: Runtime, mode: str, verify_token: str, challenge: str) -> dict:
    if mode != "subscribe" or not secrets.compare_digest(verify_token, runtime.webhook_verify_token):
        raise forbidden("The verify token does not match this service's.")
    return {"hub.challenge": challenge}


def record_event(session: Session, runtime: Runtime, event: dict) -> int | None:
    """The new event's id, or None when it is not ours or was received before."""
    if event["subscription_id"] not in _our_subscriptions(session, runtime):
        return None
    # End the read: on SQLite a transaction that read before a worker committed can never
    # write ("database is locked" at once); one that starts with the write waits its turn.
    session.commit()
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


def callback_url(public_url: str, path_secret: str) -> str:
    """Where Strava posts events: the service's public address, then the secret path."""
    return f"{public_url.rstrip('/')}/webhook/{path_secret}"


def subscribe(session: Session, runtime: Runtime, public_url: str) -> Subscription:
    """Create the application's push subscription (Strava calls the callback to check it).
    The stored callback URL hides the secret segment: the database need not know it."""
    settings = runtime.settings
    form = {
        "client_id": settings.strava_client_id,
        "client_secret": settings.strava_client_secret.get_secret_value(),
        "callback_url": callback_url(public_url, runtime.webhook_path_secret),
        "verify_token": runtime.webhook_verify_token,
    }
    response = requests.post(f"{settings.api_url}/push_subscriptions", data=form, timeout=TIMEOUT)
    raise_for_strava(response)
    shown = callback_url(public_url, "<RUNNERLY_STRAVA_WEBHOOK_PATH_SECRET>")
    subscription = session.merge(Subscription(id=int(response.json()["id"]), callback_url=shown))
    session.commit()
    return subscription
