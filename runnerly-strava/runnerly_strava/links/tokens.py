"""Strava access tokens of a link: used while fresh, refreshed shortly before they expire.

Strava rotates the refresh token on every refresh and the old one stops working, so the
new pair is committed before the new access token is used: a crash after the refresh
must not leave the link holding a dead refresh token. The link's row is locked during the
refresh so that two workers never rotate the same token.
"""

from __future__ import annotations

import time

from sqlalchemy import update
from sqlalchemy.orm import Session

from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaError
from runnerly_strava.strava.oauth import TokenGrant


class LinkRevoked(Exception):
    """Strava no longer accepts the link's refresh token: the athlete revoked access."""


def access_token(session: Session, runtime: Runtime, link: Link) -> str:
    if link.expires_at - runtime.settings.refresh_margin_seconds > time.time():
        return runtime.cipher.open(link.access_token)
    return refreshed_access_token(session, runtime, link.user_id)


def refreshed_access_token(
    session: Session, runtime: Runtime, user_id: int, rejected: str | None = None
) -> str:
    """A fresh access token; ``rejected`` is one Strava just refused (a 401)."""
    session.commit()  # the lock below must not hold up, or be rolled back with, earlier work
    _lock(session, user_id)
    link = session.get(Link, user_id, populate_existing=True)
    current = runtime.cipher.open(link.access_token)
    still_fresh = link.expires_at - runtime.settings.refresh_margin_seconds > time.time()
    if (still_fresh and rejected is None) or (rejected is not None and current != rejected):
        session.commit()
        return current  # another worker refreshed it meanwhile
    grant = _refresh(runtime, link)
    store_grant(runtime, link, grant)
    session.commit()
    return grant.access_token


def store_grant(runtime: Runtime, link: Link, grant: TokenGrant) -> None:
    link.access_token = runtime.cipher.seal(grant.access_token)
    link.refresh_token = runtime.cipher.seal(grant.refresh_token)
    link.expires_at = grant.expires_at


def _lock(session: Session, user_id: int) -> None:
    """A no-op UPDATE: a row lock on PostgreSQL, the write lock on SQLite."""
    session.execute(update(Link).where(Link.user_id == user_id).values(expires_at=Link.expires_at))


def _refresh(runtime: Runtime, link: Link) -> TokenGrant:
    try:
        return runtime.oauth.refresh(runtime.cipher.open(link.refresh_token))
    except StravaError as error:
        if error.status in (400, 401):
            raise LinkRevoked(f"Strava refused the refresh token of user {link.user_id}") from error
        raise
