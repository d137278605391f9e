"""The backfill of an athlete's whole history, one page of 200 activities per step.

Pages walk back in time with ``before`` = the start of the oldest activity seen, and the
cursor is committed after each page, so a restarted worker continues where it stopped.
A step carries the cursor it expects: a duplicate message finds the cursor moved on and
does nothing, so the chain never forks. The one exception is a message RabbitMQ gave back
because its worker died: that worker may have committed the page and died before it sent
the next one, so the redelivered step sends the page the cursor now points at. Should the
next page have been sent after all, one of the two finds the cursor moved: at worst one
Strava call is spent, instead of the chain standing still until the sweep's 35 minutes.
"""

from __future__ import annotations

import time

from sqlalchemy import update
from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.client import PER_PAGE
from runnerly_strava.sync.calls import AthleteCalls
from runnerly_strava.sync.steps import NOTHING, FollowUp
from runnerly_strava.sync.timestamps import epoch
from runnerly_strava.sync.writer import write_summaries


def backfill_step(
    session: Session,
    runtime: Runtime,
    user_id: int,
    before: int | None,
    attempt: int = 0,
    redelivered: bool = False,
) -> FollowUp:
    link = session.get(Link, user_id)
    if not _expects(link, before):
        return _resend_current_page(link) if redelivered else NOTHING
    page = AthleteCalls(session, runtime, link, attempt=attempt).list_activities(
        before=before, per_page=PER_PAGE
    )
    written = write_summaries(session, runtime, link, page)
    starts = [epoch(activity["start_date"]) for activity in page]
    finished = len(page) < PER_PAGE
    next_before = min(starts) if starts else before
    if not _advance(session, link, before, next_before, finished, len(page), written.runs_seen, starts):
        session.rollback()
        return NOTHING
    session.commit()
    return FollowUp(
        backfill_before=next_before, continue_backfill=not finished, details=written.needing_details
    )


def _resend_current_page(link: Link | None) -> FollowUp:
    if link is None or link.status != "active" or link.backfill_state != "running":
        return NOTHING
    return FollowUp(backfill_before=link.backfill_before, continue_backfill=True)


def _expects(link: Link | None, before: int | None) -> bool:
    return (
        link is not None
        and link.status == "active"
        and link.backfill_state != "done"
        and link.backfill_before == before
    )


def _advance(
    session: Session,
    link: Link,
    before: int | None,
    next_before: int | None,
    finished: bool,
    scanned: int,
    runs: int,
    starts: list[int],
) -> bool:
    """Compare-and-set the cursor: False when another step already moved it."""
    expected = Link.backfill_before.is_(None) if before is None else Link.backfill_before == before
    newest = max([*starts, link.newest_start or 0]) or None
    result = session.execute(
        update(Link)
        .where(Link.user_id == link.user_id, expected, Link.status == "active")
        .values(
            backfill_before=next_before,
            backfill_state="done" if finished else "running",
            backfill_pages=Link.backfill_pages + 1,
            backfill_scanned=Link.backfill_scanned + scanned,
            backfill_runs=Link.backfill_runs + runs,
            backfill_touched_at=utcnow(),
            newest_start=newest,
            resume_at=None,
            waiting_reason=None,
            last_sync_at=utcnow(),
        )
    )
    return result.rowcount == 1


def note_wait(session: Session, user_id: int, resume_at: float, reason: str | None) -> None:
    """Record why and until when the backfill waits: a 15-minute window is waited out by
    the task's own retry; anything longer parks the backfill for the sweep."""
    if reason == "rate_limit_15min":
        wait_for_short_window(session, user_id, resume_at)
    else:
        wait_for_daily_window(session, user_id, resume_at, reason)


def wait_for_daily_window(
    session: Session, user_id: int, resume_at: float, reason: str | None = "rate_limit_daily"
) -> None:
    """Park the backfill until ``resume_at``; the beat sweep resumes it. ``reason`` is None
    when the wait is not a rate window's (Strava kept failing)."""
    session.rollback()
    session.execute(
        update(Link)
        .where(Link.user_id == user_id, Link.backfill_state != "done")
        .values(
            backfill_state="waiting",
            resume_at=int(resume_at),
            waiting_reason=reason,
            backfill_touched_at=utcnow(),
        )
    )
    session.commit()


def wait_for_short_window(session: Session, user_id: int, resume_at: float) -> None:
    """A 15-minute window is spent: the task itself retries at ``resume_at``, so the state
    stays as it is (the sweep must not start a second chain) and only the wait is noted."""
    session.rollback()
    session.execute(
        update(Link)
        .where(Link.user_id == user_id, Link.backfill_state != "done")
        .values(resume_at=int(resume_at), waiting_reason="rate_limit_15min", backfill_touched_at=utcnow())
    )
    session.commit()


def estimated_total(link: Link, now: float | None = None) -> int | None:
    """Runs the whole history probably holds, from how far back in time the pages reached."""
    if link.backfill_state == "done":
        return link.backfill_runs
    if link.backfill_before is None or not link.athlete_since:
        return None
    now = now or time.time()
    covered = (now - link.backfill_before) / max(now - link.athlete_since, 1)
    return max(link.backfill_runs, round(link.backfill_runs / covered)) if covered > 0 else None
