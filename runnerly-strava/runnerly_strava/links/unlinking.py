"""Unlinking: revoke access at Strava, delete the Strava runs, then forget the link.

The link is marked ``unlinking`` and committed first, so that sync steps still running
stop writing; every step after that is idempotent, so an unlink interrupted half-way is
simply done again.
"""

from __future__ import annotations

from contextlib import suppress

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runnerly_strava.links import tokens
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaError
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.sync.outbox import record_runs_changed


def unlink(session: Session, runtime: Runtime, user_id: int, *, deauthorize: bool) -> int:
    """Returns how many runs the data service deleted."""
    link = session.get(Link, user_id)
    if link is None:
        return 0
    link.status = "unlinking"
    session.commit()
    if deauthorize:
        _deauthorize(session, runtime, link)
    run_ids = list(session.scalars(select(SyncedActivity.run_id).where(SyncedActivity.user_id == user_id)))
    deleted = runtime.data.delete_runs_of_source(user_id, "strava")
    record_runs_changed(session, user_id, {"deleted": run_ids})
    session.execute(delete(SyncedActivity).where(SyncedActivity.user_id == user_id))
    session.execute(delete(Link).where(Link.user_id == user_id))
    session.commit()
    return deleted


def _deauthorize(session: Session, runtime: Runtime, link: Link) -> None:
    # Strava refusing means access is already revoked: what we wanted anyway.
    with suppress(StravaError, tokens.LinkRevoked):
        runtime.oauth.deauthorize(tokens.access_token(session, runtime, link))
