"""Signing in (or up) with Strava: the Strava service names the runner linked to the
athlete, or gives a ticket for a new one, whom this service then creates (with a
placeholder address until they set theirs), links with the ticket and signs in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.accounts.runners import create_runner
from runnerly_dashboard.accounts.services import Visitor, start_session
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.settings import DashboardSettings
from runnerly_dashboard.upstream import DATA, STRAVA, STRAVA_LOGIN_SCOPE

# ".invalid" is reserved (RFC 2606): nothing is ever delivered there.
PLACEHOLDER_DOMAIN = "athletes.runnerly.invalid"


def sign_in(db: Session, settings: DashboardSettings, answer: dict, visitor: Visitor) -> tuple[Account, str]:
    outcome = upstream.own(STRAVA, STRAVA_LOGIN_SCOPE).json("POST", "/strava/login/callback", json=answer)
    if outcome["user_id"] is not None:
        account = _account_of(db, outcome["user_id"])
    else:
        account = _sign_up(db, outcome["athlete"], outcome["ticket"])
    return account, start_session(db, settings, account, visitor)


def _account_of(db: Session, user_id: int) -> Account:
    """The runner's account; a runner made before the dashboard had one gets it now."""
    account = db.scalar(select(Account).where(Account.user_id == user_id))
    if account is None:
        email = upstream.own(DATA).get(f"/users/{user_id}")["email"]
        account = Account(email=email, user_id=user_id, confirmed_at=utcnow())
        db.add(account)
        db.flush()
    return account


def _sign_up(db: Session, athlete: dict, ticket: str) -> Account:
    email = f"strava-{athlete['id']}@{PLACEHOLDER_DOMAIN}"
    profile = {
        "first_name": athlete.get("firstname", "")[:100],
        "last_name": athlete.get("lastname", "")[:100],
    }
    user_id = create_runner(email, profile)
    account = Account(email=email, user_id=user_id, confirmed_at=utcnow())
    db.add(account)
    db.flush()
    upstream.user(user_id, STRAVA).send(
        "POST", f"/users/{user_id}/strava/link/ticket", json={"ticket": ticket}
    )
    return account
