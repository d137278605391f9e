"""The OAuth ``state``: signed, expiring, bound to one user and redeemable once.

It is an itsdangerous token over ``{"user": id, "nonce": random}``; redeeming it stores
the nonce, so a replayed callback is refused.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import UsedState


class InvalidState(Exception):
    """The state is forged, expired, for another user, or already used."""


def issue_state(signer: URLSafeTimedSerializer, user_id: int) -> str:
    return signer.dumps({"user": user_id, "nonce": secrets.token_urlsafe(16)})


def redeem_state(
    session: Session, signer: URLSafeTimedSerializer, state: str, user_id: int, max_age: int
) -> None:
    payload = _verified(signer, state, max_age)
    if payload.get("user") != user_id:
        raise InvalidState("This link request was started for another user.")
    _forget_old(session, max_age)
    try:
        with session.begin_nested():
            session.add(UsedState(nonce=str(payload["nonce"])[:64]))
    except IntegrityError:
        raise InvalidState("This link request was already completed; start a new one.") from None


def _verified(signer: URLSafeTimedSerializer, state: str, max_age: int) -> dict:
    try:
        payload = signer.loads(state, max_age=max_age)
    except SignatureExpired:
        raise InvalidState("This link request has expired; start a new one.") from None
    except BadSignature:
        raise InvalidState("The state does not come from this service.") from None
    if not isinstance(payload, dict) or "nonce" not in payload:
        raise InvalidState("The state does not come from this service.")
    return payload


def _forget_old(session: Session, max_age: int) -> None:
    """A nonce older than the state's lifetime can never be replayed: no need to keep it."""
    session.execute(delete(UsedState).where(UsedState.used_at < utcnow() - timedelta(seconds=2 * max_age)))
