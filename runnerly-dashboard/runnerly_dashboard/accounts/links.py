"""The single-use, expiring links mailed to runners (confirm, reset, new address).

A link carries a random token; only its keyed hash is stored. Redeeming marks it used in
one conditional UPDATE, so two clicks racing each other cannot both succeed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_core.problems import bad_request
from runnerly_dashboard.accounts.models import EmailToken
from runnerly_dashboard.extensions import keys
from runnerly_dashboard.keys import new_token

CONFIRM_SIGNUP = "confirm_signup"
RESET_PASSWORD = "reset_password"  # noqa: S105 — a link purpose, not a password
CONFIRM_EMAIL = "confirm_email"


def issue(db: Session, account_id: int, purpose: str, ttl: timedelta, payload: dict | None = None) -> str:
    token = new_token()
    db.add(
        EmailToken(
            token_hash=keys.hash(purpose, token),
            account_id=account_id,
            purpose=purpose,
            payload=payload or {},
            expires_at=utcnow() + ttl,
        )
    )
    return token


def redeem(db: Session, token: str, purpose: str) -> EmailToken:
    """The link's record, now used; a 400 problem when it is unknown, used or expired."""
    now = utcnow()
    statement = (
        update(EmailToken)
        .where(
            EmailToken.token_hash == keys.hash(purpose, token),
            EmailToken.purpose == purpose,
            EmailToken.used_at.is_(None),
            EmailToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(EmailToken.id)
    )
    token_id = db.execute(statement).scalar()
    if token_id is None:
        raise bad_request("This link is unknown, was used already or has expired: ask for a new one.")
    return db.get(EmailToken, token_id)
