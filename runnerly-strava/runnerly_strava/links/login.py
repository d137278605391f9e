"""Signing in with Strava ("Continue with Strava" on the dashboard).

The dashboard, with its own service token, starts a consent for no runner yet and hands
back Strava's answer. For an athlete already linked, the answer is their runner (the link
gets the fresh tokens). For a new athlete it is a **ticket**: the grant, sealed and signed,
valid for the state's lifetime and redeemable once, with which the dashboard links the
runner it then creates (:func:`link_with_ticket`). No code is exchanged twice and no
token leaves this service unsealed.
"""

from __future__ import annotations

import secrets
from urllib.parse import urljoin

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.problems import forbidden
from runnerly_strava.links.models import Link
from runnerly_strava.links.services import _exchange, _require_consent, _store
from runnerly_strava.links.state import InvalidState, issue_state, redeem_state
from runnerly_strava.links.tokens import store_grant
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.oauth import TokenGrant

LOGIN_PATH = "/strava/login/callback"  # the dashboard's page for Strava's redirect


def _signer(runtime: Runtime, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(runtime.states.secret_keys, salt=salt)


def start_login(runtime: Runtime) -> dict:
    state = issue_state(_signer(runtime, "runnerly-strava-login"), None)
    redirect_uri = urljoin(runtime.settings.redirect_uri, LOGIN_PATH)
    return {
        "authorize_url": runtime.oauth.authorize_url(redirect_uri, state),
        "state": state,
        "expires_in": runtime.settings.state_max_age_seconds,
    }


def complete_login(session: Session, runtime: Runtime, answer: dict) -> dict:
    max_age = runtime.settings.state_max_age_seconds
    try:
        redeem_state(session, _signer(runtime, "runnerly-strava-login"), answer["state"], None, max_age)
    except InvalidState as error:
        raise forbidden(str(error)) from None
    _require_consent(answer)
    grant = _exchange(runtime, answer["code"])
    athlete = _athlete(grant)
    link = session.scalar(select(Link).where(Link.athlete_id == athlete["id"]))
    if link is not None:
        store_grant(runtime, link, grant)
        session.commit()
        return {"user_id": link.user_id, "athlete": athlete}
    session.commit()  # the state is spent
    return {"user_id": None, "athlete": athlete, "ticket": _ticket(runtime, grant, answer["scope"])}


def link_with_ticket(session: Session, runtime: Runtime, user_id: int, ticket: str) -> Link:
    payload = _redeem_ticket(session, runtime, ticket)
    grant = TokenGrant(
        runtime.cipher.open(payload["access"]),
        runtime.cipher.open(payload["refresh"]),
        int(payload["expires_at"]),
        payload["athlete"],
    )
    link = _store(session, runtime, user_id, grant, payload["scope"])
    session.commit()
    return link


def _athlete(grant: TokenGrant) -> dict:
    athlete = grant.athlete or {}
    name = f"{athlete.get('firstname', '')} {athlete.get('lastname', '')}".strip()
    return {
        "id": athlete["id"],
        "name": name,
        "firstname": athlete.get("firstname", ""),
        "lastname": athlete.get("lastname", ""),
    }


def _ticket(runtime: Runtime, grant: TokenGrant, scope: str) -> str:
    return _signer(runtime, "runnerly-strava-ticket").dumps(
        {
            "nonce": secrets.token_urlsafe(16),
            "access": runtime.cipher.seal(grant.access_token),
            "refresh": runtime.cipher.seal(grant.refresh_token),
            "expires_at": grant.expires_at,
            "athlete": grant.athlete,
            "scope": scope,
        }
    )


def _redeem_ticket(session: Session, runtime: Runtime, ticket: str) -> dict:
    signer = _signer(runtime, "runnerly-strava-ticket")
    try:
        payload = signer.loads(ticket, max_age=runtime.settings.state_max_age_seconds)
    except BadSignature:
        raise forbidden("This ticket is forged or expired; continue with Strava again.") from None
    try:
        # The nonce is spent like a state's: a ticket links one runner, once.
        redeem_state(session, signer, ticket, None, runtime.settings.state_max_age_seconds)
    except InvalidState as error:
        raise forbidden(str(error)) from None
    return payload
