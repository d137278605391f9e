"""What an event changes: an activity upserted or deleted, or a link removed.

Create and update fetch the activity (the event says only what changed); an activity
that is no longer visible (deleted since, or made private without our scope) is deleted
here too. Each event is marked processed in the transaction of its effects.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.links.unlinking import unlink
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaNotFound
from runnerly_strava.sync.calls import AthleteCalls
from runnerly_strava.sync.steps import NOTHING, FollowUp
from runnerly_strava.sync.writer import forget_activity, write_detailed
from runnerly_strava.webhooks.models import WebhookEvent


def handle_event(session: Session, runtime: Runtime, event_id: int, attempt: int = 0) -> FollowUp:
    event = session.get(WebhookEvent, event_id)
    if event is None or event.processed_at is not None:
        return NOTHING
    link = session.scalar(select(Link).where(Link.athlete_id == event.owner_id))
    if link is not None and link.status == "active":
        _apply(session, runtime, link, event, attempt)
    event = session.get(WebhookEvent, event_id)
    event.processed_at = utcnow()
    session.commit()
    return NOTHING


def _apply(session: Session, runtime: Runtime, link: Link, event: WebhookEvent, attempt: int) -> None:
    if event.object_type == "athlete":
        if str(event.updates.get("authorized", "")).lower() == "false":
            unlink(session, runtime, link.user_id, deauthorize=False)
        return
    if event.aspect_type == "delete":
        forget_activity(session, runtime, link, event.object_id)
        return
    try:
        activity = AthleteCalls(session, runtime, link, attempt=attempt).get_activity(event.object_id)
    except StravaNotFound:
        forget_activity(session, runtime, link, event.object_id)
        return
    write_detailed(session, runtime, link, activity)
