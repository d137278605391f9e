"""Sessions kept in the database: started at login (always a new one), found by the
keyed hash of the cookie's token, ended one by one or all at once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from runnerly_core.orm import utcnow
from runnerly_dashboard.extensions import keys
from runnerly_dashboard.keys import new_token
from runnerly_dashboard.sessions.models import Session

TOUCH_EVERY = timedelta(minutes=5)  # last_seen_at is for people, not to the second


def start(db: DbSession, account_id: int, days: int, address: str, user_agent: str) -> str:
    """A new session for ``account_id``; returns the cookie's token (kept only hashed)."""
    token = new_token()
    now = utcnow()
    db.add(
        Session(
            token_hash=keys.hash("session", token),
            account_id=account_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(days=days),
            address=address[:64],
            user_agent=user_agent[:300],
        )
    )
    return token


def find(db: DbSession, token: str | None) -> Session | None:
    """The live session the token opens, if any."""
    if not token:
        return None
    session = db.scalar(select(Session).where(Session.token_hash == keys.hash("session", token)))
    if session is None or session.expires_at <= utcnow():
        return None
    return session


def touch(session: Session) -> bool:
    now = utcnow()
    if now - session.last_seen_at < TOUCH_EVERY:
        return False
    session.last_seen_at = now
    return True


def end(db: DbSession, token: str | None) -> None:
    if token:
        db.execute(delete(Session).where(Session.token_hash == keys.hash("session", token)))


def end_all(db: DbSession, account_id: int) -> None:
    db.execute(delete(Session).where(Session.account_id == account_id))


def of_account(db: DbSession, account_id: int) -> list[Session]:
    return list(db.scalars(select(Session).where(Session.account_id == account_id).order_by(Session.id)))
