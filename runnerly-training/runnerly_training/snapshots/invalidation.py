"""Applying a ``runs.changed`` event: invalidate the runner's snapshot, then recompute it.

Idempotent: an event is recorded by its id in the same transaction that invalidates, so a
redelivered or republished event is applied once (unless applying it failed unexpectedly:
then it is forgotten, for the consumer's one retry). Order does not matter: the snapshot is
recomputed from the data service's current runs, not from the event, so an old event
arriving after a newer one recomputes the same result (``unchanged``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete
from sqlalchemy.orm import Session

from runnerly_core.upstream import UpstreamError, UpstreamNotFound
from runnerly_training.base import insert_for, utcnow
from runnerly_training.datasource import DataSource
from runnerly_training.snapshots.models import ProcessedEvent
from runnerly_training.snapshots.services import fingerprint_of, forget, invalidate, refresh

log = logging.getLogger(__name__)

# Far longer than any redelivery or publisher retry: older event ids are forgotten.
EVENT_MEMORY = timedelta(days=7)


class Outcome(StrEnum):
    DUPLICATE = "duplicate"  # applied before: nothing done
    REFRESHED = "refreshed"
    UNCHANGED = "unchanged"  # recomputed from the same inputs
    INVALIDATED = "invalidated"  # the data service failed: the next read recomputes
    USER_GONE = "user_gone"  # the runner no longer exists: their cache is deleted


def apply_runs_changed(
    session: Session, source: DataSource, event_id: str, user_id: int, now: datetime | None = None
) -> Outcome:
    now = now or utcnow()
    if not _record(session, event_id, user_id, now):
        session.rollback()
        return Outcome.DUPLICATE
    before = fingerprint_of(session, user_id)
    invalidate(session, user_id)
    session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < now - EVENT_MEMORY))
    session.commit()
    try:
        return _recompute(session, source, user_id, before, now)
    except Exception:
        # An unexpected failure: forget the event, so that a redelivery applies it again.
        session.rollback()
        session.execute(delete(ProcessedEvent).where(ProcessedEvent.event_id == event_id))
        session.commit()
        raise


def _recompute(
    session: Session, source: DataSource, user_id: int, before: str | None, now: datetime
) -> Outcome:
    try:
        after = refresh(session, source, user_id, now).fingerprint
    except UpstreamNotFound:
        session.rollback()
        forget(session, user_id)
        session.commit()
        return Outcome.USER_GONE
    except UpstreamError as error:
        session.rollback()
        log.warning("user %s: snapshot invalidated, not recomputed: %s", user_id, error.detail)
        return Outcome.INVALIDATED
    return Outcome.UNCHANGED if after == before else Outcome.REFRESHED


def _record(session: Session, event_id: str, user_id: int, now: datetime) -> bool:
    """Whether the event is new (and is now recorded, uncommitted)."""
    insert = insert_for(session)(ProcessedEvent).values(event_id=event_id, user_id=user_id, received_at=now)
    new = insert.on_conflict_do_nothing(index_elements=["event_id"]).returning(ProcessedEvent.event_id)
    return session.execute(new).scalar_one_or_none() is not None
