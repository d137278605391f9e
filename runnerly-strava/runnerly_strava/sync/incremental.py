"""Incremental sync: what started after the newest activity seen, oldest first.

Webhooks bring new activities within seconds; this is the safety net that beat runs for
events Strava never delivered. The watermark advances page by page.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.client import PER_PAGE
from runnerly_strava.sync.calls import AthleteCalls
from runnerly_strava.sync.steps import FollowUp
from runnerly_strava.sync.timestamps import epoch
from runnerly_strava.sync.writer import write_summaries


def incremental_step(session: Session, runtime: Runtime, user_id: int, attempt: int = 0) -> FollowUp:
    link = session.get(Link, user_id)
    follow_up = FollowUp()
    if link is None or link.status != "active" or link.newest_start is None:
        return follow_up  # the backfill has not set a watermark yet
    calls = AthleteCalls(session, runtime, link, attempt=attempt)
    while True:
        page = calls.list_activities(after=link.newest_start, per_page=PER_PAGE)
        follow_up.details += write_summaries(session, runtime, link, page).needing_details
        if page:
            link.newest_start = max(link.newest_start, *(epoch(a["start_date"]) for a in page))
        link.last_sync_at = utcnow()
        session.commit()
        if len(page) < PER_PAGE:
            return follow_up
