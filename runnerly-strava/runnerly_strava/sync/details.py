"""Detail fetches (laps, splits, full track): one activity per task, at low priority."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaNotFound
from runnerly_strava.sync.budget import DETAILS
from runnerly_strava.sync.calls import AthleteCalls
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.sync.steps import NOTHING, FollowUp
from runnerly_strava.sync.writer import forget_activity, write_detailed


def details_step(session: Session, runtime: Runtime, activity_id: int, attempt: int = 0) -> FollowUp:
    synced = session.get(SyncedActivity, activity_id)
    link = session.get(Link, synced.user_id) if synced is not None else None
    if synced is None or synced.details != "pending" or link is None or link.status != "active":
        return NOTHING
    calls = AthleteCalls(session, runtime, link, priority=DETAILS, attempt=attempt)
    try:
        activity = calls.get_activity(activity_id)
    except StravaNotFound:
        forget_activity(session, runtime, link, activity_id)  # deleted since the summary came
    else:
        write_detailed(session, runtime, link, activity)
    session.commit()
    return NOTHING
