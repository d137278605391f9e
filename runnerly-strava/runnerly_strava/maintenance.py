"""The beat sweep: resumes whatever a deferral, a crash or a lost message left behind."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.webhooks.models import WebhookEvent

# Longer than any countdown a task may be deferred by (a quarter hour plus jitter).
STALLED_AFTER = timedelta(minutes=35)
EVENT_GRACE = timedelta(minutes=2)
DETAILS_PER_SWEEP = 500


def linked_users(session: Session) -> list[int]:
    return list(
        session.scalars(select(Link.user_id).where(Link.status == "active", Link.newest_start.is_not(None)))
    )


def sweep(session: Session, runtime: Runtime) -> None:
    for user_id, before in resumable_backfills(session):
        runtime.jobs.backfill(user_id, before)
    for event_id in unprocessed_events(session, runtime.settings.webhook_events_per_athlete_minute):
        runtime.jobs.webhook_event(event_id)
    if runtime.settings.fetch_details:
        runtime.jobs.details(stale_details(session))


def resumable_backfills(session: Session) -> list[tuple[int, int | None]]:
    """Backfills parked for the daily window that may go on, and chains that stalled."""
    stalled = Link.backfill_state.in_(("pending", "running")) & (
        Link.backfill_touched_at < utcnow() - STALLED_AFTER
    )
    due = (Link.backfill_state == "waiting") & (Link.resume_at <= int(time.time()))
    rows = session.execute(
        select(Link.user_id, Link.backfill_before).where(Link.status == "active", or_(stalled, due))
    ).all()
    for user_id, _ in rows:
        session.execute(
            update(Link)
            .where(Link.user_id == user_id)
            .values(backfill_state="running", waiting_reason=None, backfill_touched_at=utcnow())
        )
    session.commit()
    return [(user_id, before) for user_id, before in rows]


def unprocessed_events(session: Session, per_athlete: int) -> list[int]:
    """The oldest events never handled (lost messages, or deferred by the athlete's
    allowance), at most ``per_athlete`` of each athlete: a flood of one athlete's events
    never pushes back the others'."""
    rank = func.row_number().over(partition_by=WebhookEvent.owner_id, order_by=WebhookEvent.id)
    waiting = (
        select(WebhookEvent.id, rank.label("rank"))
        .where(WebhookEvent.processed_at.is_(None), WebhookEvent.received_at < utcnow() - EVENT_GRACE)
        .subquery()
    )
    query = select(waiting.c.id).where(waiting.c.rank <= per_athlete).order_by(waiting.c.id)
    return list(session.scalars(query.limit(1000)))


def stale_details(session: Session) -> list[int]:
    query = select(SyncedActivity.activity_id).where(
        SyncedActivity.details == "pending", SyncedActivity.updated_at < utcnow() - STALLED_AFTER
    )
    ids = list(session.scalars(query.limit(DETAILS_PER_SWEEP)))
    if ids:
        session.execute(
            update(SyncedActivity).where(SyncedActivity.activity_id.in_(ids)).values(updated_at=utcnow())
        )
        session.commit()
    return ids
