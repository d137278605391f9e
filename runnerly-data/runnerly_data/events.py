"""``runs.changed`` for runs written through this API one at a time (typed in, edited or
deleted), so that the training service refreshes that runner's fitness and load; and
``users.deleted`` when a runner is deleted, so that every service forgets them.

Batches from Strava are announced by the Strava service. Here the event is recorded in the
transaction that writes the run (:mod:`runnerly_core.outbox`) and published right after the
commit. If the broker is away the write still succeeds and its event waits in
``outbox_events`` for the next write to publish it, or for ``runnerly-data events publish``.
With no broker configured (``RUNNERLY_DATA_BROKER_URL`` empty) nothing is recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy.orm import Session

from runnerly_core import events
from runnerly_core.outbox import IMPATIENT, Outbox, OutboxEventMixin
from runnerly_data.base import Base
from runnerly_data.extensions import db
from runnerly_data.settings import DataSettings

log = logging.getLogger(__name__)
OUTBOX = "runnerly_data.outbox"


class OutboxEvent(OutboxEventMixin, Base):
    """A ``runs.changed`` event, recorded with the write it announces."""


def make_outbox(settings: DataSettings, sessions: Callable[[], Session] = db.new_session) -> Outbox:
    return Outbox(
        OutboxEvent,
        sessions,
        settings.broker_url,
        exchange_name=settings.events_exchange,
        retry_policy=IMPATIENT,
    )


def init_outbox(app: Flask, settings: DataSettings) -> None:
    app.extensions[OUTBOX] = make_outbox(settings)


def outbox() -> Outbox:
    return current_app.extensions[OUTBOX]


def record_runs_changed(session: Session, user_id: int, run_ids: list[int], kind: str) -> None:
    """Adds the event to ``session``'s transaction; the caller commits."""
    outbox().record(session, events.runs_changed(user_id, run_ids, kind))


def record_users_deleted(session: Session, user_id: int) -> None:
    """Every service forgets the runner (Strava link, training caches, dashboard account)."""
    outbox().record(session, events.users_deleted(user_id))


def publish_recorded() -> None:
    """After a commit: publish what is pending. A broker failure never fails the request."""
    try:
        outbox().publish_pending()
    except Exception as error:  # noqa: BLE001 — the run is stored and its event kept
        log.warning("runs.changed not published yet, kept in the outbox: %s", error)
