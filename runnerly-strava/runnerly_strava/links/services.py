"""Linking: the authorize URL, completing the link from Strava's answer, the status."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.problems import bad_request, conflict, forbidden, not_found, problem
from runnerly_strava.links.models import Link
from runnerly_strava.links.state import InvalidState, issue_state, redeem_state
from runnerly_strava.links.tokens import store_grant
from runnerly_strava.runtime import Runtime
from runnerly_strava.strava.errors import StravaError, StravaUnavailable
from runnerly_strava.strava.oauth import REQUIRED_SCOPE, TokenGrant, granted_scopes
from runnerly_strava.sync.backfill import estimated_total


def start_link(runtime: Runtime, user_id: int) -> dict:
    state = issue_state(runtime.states, user_id)
    return {
        "authorize_url": runtime.oauth.authorize_url(runtime.settings.redirect_uri, state),
        "state": state,
        "expires_in": runtime.settings.state_max_age_seconds,
    }


def complete_link(session: Session, runtime: Runtime, user_id: int, answer: dict) -> Link:
    """Check Strava's redirect (state, granted scope), exchange the code, store the link."""
    try:
        redeem_state(
            session, runtime.states, answer["state"], user_id, runtime.settings.state_max_age_seconds
        )
    except InvalidState as error:
        # The state is the proof that this user started this link: without it, refuse.
        raise forbidden(str(error)) from None
    _require_consent(answer)
    grant = _exchange(runtime, answer["code"])
    link = _store(session, runtime, user_id, grant, answer["scope"])
    session.commit()
    return link


def _require_consent(answer: dict) -> None:
    if answer.get("error"):
        raise bad_request(f"Strava answered {answer['error']!r}: the athlete did not authorize Runnerly.")
    if not answer.get("code"):
        raise bad_request("Strava's answer has no code.")
    if REQUIRED_SCOPE not in granted_scopes(answer.get("scope")):
        raise bad_request(
            "Runnerly needs to see all your activities, including those visible to Only You: "
            f"tick that box on Strava's page (scope {REQUIRED_SCOPE!r} was not granted)."
        )


def _exchange(runtime: Runtime, code: str) -> TokenGrant:
    try:
        return runtime.oauth.exchange_code(code)
    except StravaUnavailable:
        raise problem(502, "Bad Gateway", "Strava does not answer; try again in a moment.") from None
    except StravaError as error:
        raise bad_request(f"Strava refused the authorization code ({error.status}); start again.") from None


def _store(session: Session, runtime: Runtime, user_id: int, grant: TokenGrant, scope: str) -> Link:
    athlete = grant.athlete or {}
    other = session.scalar(select(Link).where(Link.athlete_id == athlete.get("id"), Link.user_id != user_id))
    if other is not None:
        raise conflict("This Strava athlete is already linked to another Runnerly account.")
    link = session.get(Link, user_id)
    if link is None or link.athlete_id != athlete.get("id"):
        if link is not None:
            raise conflict("Unlink the Strava athlete already linked before linking another one.")
        link = Link(
            user_id=user_id,
            athlete_id=athlete["id"],
            backfill_state="pending",
            backfill_pages=0,
            backfill_scanned=0,
            backfill_runs=0,
            status="active",
        )
        session.add(link)
    link.scope = scope
    link.athlete_name = f"{athlete.get('firstname', '')} {athlete.get('lastname', '')}".strip()
    link.athlete_since = _epoch(athlete.get("created_at"))
    store_grant(runtime, link, grant)
    return link


def _epoch(iso: str | None) -> int | None:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()) if iso else None


def get_link(session: Session, user_id: int) -> Link:
    link = session.get(Link, user_id)
    if link is None:
        raise not_found("This user has not linked Strava.")
    return link


def link_json(link: Link) -> dict:
    return {
        "user_id": link.user_id,
        "athlete": {"id": link.athlete_id, "name": link.athlete_name},
        "scope": link.scope,
        "status": link.status,
        "linked_at": _iso(link.linked_at),
        "last_sync_at": _iso(link.last_sync_at),
        "backfill": {
            "state": link.backfill_state,
            "done": link.backfill_runs,
            "total": estimated_total(link),
            "total_is_estimate": link.backfill_state != "done",
            "pages": link.backfill_pages,
            "activities_scanned": link.backfill_scanned,
            **_waiting(link),
        },
    }


def _waiting(link: Link) -> dict:
    """Why the backfill is paused and when it resumes; nothing when it is not waiting."""
    if link.backfill_state == "done" or not link.waiting_reason or link.resume_at is None:
        return {}
    resumes_at = datetime.fromtimestamp(link.resume_at, UTC)
    return {"waiting": link.waiting_reason, "resumes_at": _iso(resumes_at)}


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None
