"""What an event changes, once Strava has confirmed it: a run upserted or deleted, or a
link removed.

Strava signs no event, so none is taken at its word. Create and update fetch the activity
(the event says only what changed) and keep it only when it belongs to the event's
athlete. A deletion is carried out only when Strava answers 404 for the activity to its
owner's token; a deauthorization only when Strava refuses the athlete's tokens (the access
token, then a refresh). Each event that calls Strava first takes a unit of its athlete's
allowance (:mod:`runnerly_strava.webhooks.allowance`); when none is left the event waits,
unprocessed, for the sweep. Each event is marked processed in the transaction of its
effects.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.links.tokens import LinkRevoked
from runnerly_strava.links.unlinking import unlink
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaNotFound, StravaUnauthorized
from runnerly_strava.sync.calls import AthleteCalls
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.sync.steps import NOTHING, FollowUp
from runnerly_strava.sync.writer import forget_activity, write_detailed
from runnerly_strava.webhooks import allowance
from runnerly_strava.webhooks.models import WebhookEvent


def handle_event(session: Session, runtime: Runtime, event_id: int, attempt: int = 0) -> FollowUp:
    event = session.get(WebhookEvent, event_id)
    if event is None or event.processed_at is not None:
        return NOTHING
    link = session.scalar(select(Link).where(Link.athlete_id == event.owner_id))
    if link is not None and link.status == "active" and _may_change_something(session, link, event):
        per_minute = runtime.settings.webhook_events_per_athlete_minute
        if not allowance.take(session, event.owner_id, per_minute):
            return _defer(session, event_id)
        _apply(session, runtime, link, session.get(WebhookEvent, event_id), attempt)
    event = session.get(WebhookEvent, event_id)
    event.processed_at = utcnow()
    session.commit()
    return NOTHING


def _may_change_something(session: Session, link: Link, event: WebhookEvent) -> bool:
    """Whether the event is worth a Strava call: other athlete updates (a new name) and
    deletions of activities we never wrote for this runner change nothing here."""
    if event.object_type == "athlete":
        return _is_deauthorization(event)
    if event.aspect_type == "delete":
        synced = session.get(SyncedActivity, event.object_id)
        return synced is not None and synced.user_id == link.user_id
    return True


def _defer(session: Session, event_id: int) -> FollowUp:
    session.get(WebhookEvent, event_id).deferred_at = utcnow()
    session.commit()
    return NOTHING


def _apply(session: Session, runtime: Runtime, link: Link, event: WebhookEvent, attempt: int) -> None:
    calls = AthleteCalls(session, runtime, link, attempt=attempt)
    if event.object_type == "athlete":
        if _strava_refuses_the_athlete(calls):
            unlink(session, runtime, link.user_id, deauthorize=False)
        return
    try:
        activity = calls.get_activity(event.object_id)
    except StravaNotFound:
        forget_activity(session, runtime, link, event.object_id)
        return
    if event.aspect_type == "delete" or activity.get("athlete", {}).get("id") != link.athlete_id:
        return  # Strava still shows it, or it is another athlete's: the event was not true
    write_detailed(session, runtime, link, activity)


def _is_deauthorization(event: WebhookEvent) -> bool:
    return str(event.updates.get("authorized", "")).lower() == "false"


def _strava_refuses_the_athlete(calls: AthleteCalls) -> bool:
    """True when the access token is refused and so is the refresh that follows it."""
    try:
        calls.get_athlete()
    except (StravaUnauthorized, LinkRevoked):
        return True
    return False
