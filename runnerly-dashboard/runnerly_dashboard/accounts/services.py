"""Sign-up, confirmation, login and passwords, taking an explicit database session.

Answers that could tell whether an address has an account are made alike: sign-up and
the reset request always "send a mail" (to a known address, a note instead of a link),
and login checks a dummy hash for an unknown address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_core.problems import bad_request, conflict, forbidden, problem
from runnerly_dashboard.accounts import links, passwords
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.accounts.runners import create_runner
from runnerly_dashboard.extensions import mailer
from runnerly_dashboard.sessions import services as sessions
from runnerly_dashboard.sessions.throttle import Throttle
from runnerly_dashboard.settings import DashboardSettings

PROFILE_FIELDS = ("first_name", "last_name", "units", "timezone")


@dataclass(frozen=True)
class Visitor:
    """Where a request comes from, for throttling and the session's record."""

    address: str
    user_agent: str


def normalized(email: str) -> str:
    return email.strip().lower()


def find(db: Session, email: str) -> Account | None:
    return db.scalar(select(Account).where(Account.email == normalized(email)))


def sign_up(db: Session, settings: DashboardSettings, body: dict) -> None:
    email = normalized(body["email"])
    passwords.require_strong(body["password"], settings, email=email)
    password_hash = passwords.hash_password(body["password"])  # hashed in every case: same timing
    account = find(db, email)
    if account is not None and account.confirmed_at is not None:
        mailer.queue(db, email, "already_registered", {})
        return
    if account is None:
        account = Account(email=email)
        db.add(account)
    account.password_hash = password_hash  # the latest sign-up of an unconfirmed address wins
    db.flush()
    profile = {field: body[field] for field in PROFILE_FIELDS if field in body}
    token = links.issue(
        db, account.id, links.CONFIRM_SIGNUP, timedelta(hours=settings.confirm_hours), profile
    )
    mailer.queue(db, email, "confirm_signup", {"token": token, "hours": settings.confirm_hours})


def confirm_sign_up(
    db: Session, settings: DashboardSettings, token: str, visitor: Visitor
) -> tuple[Account, str]:
    """Creates the runner in the data service; returns the account and a new session."""
    link = links.redeem(db, token, links.CONFIRM_SIGNUP)
    account = db.get(Account, link.account_id)
    if account.user_id is None:
        account.user_id = create_runner(account.email, link.payload)
    account.confirmed_at = account.confirmed_at or utcnow()
    return account, start_session(db, settings, account, visitor)


def log_in(
    db: Session, settings: DashboardSettings, email: str, password: str, visitor: Visitor
) -> tuple[Account, str]:
    throttle = Throttle(db, settings, normalized(email), visitor.address)
    throttle.check()
    account = find(db, email)
    if not passwords.verify(account.password_hash if account else None, password):
        throttle.failed()
        db.commit()
        raise problem(401, "Unauthorized", "Wrong e-mail address or password.")
    if account.confirmed_at is None:
        raise forbidden(
            "Confirm your address first: follow the link we mailed you (sign up again for a new one)."
        )
    throttle.succeeded()
    _rehash_if_needed(account, password)
    return account, start_session(db, settings, account, visitor)


def start_session(db: Session, settings: DashboardSettings, account: Account, visitor: Visitor) -> str:
    return sessions.start(db, account.id, settings.session_days, visitor.address, visitor.user_agent)


def forgot_password(db: Session, settings: DashboardSettings, email: str) -> None:
    account = find(db, email)
    if account is None or account.confirmed_at is None:
        return
    token = links.issue(db, account.id, links.RESET_PASSWORD, timedelta(minutes=settings.reset_minutes))
    mailer.queue(db, account.email, "reset_password", {"token": token, "minutes": settings.reset_minutes})


def reset_password(db: Session, settings: DashboardSettings, token: str, password: str) -> None:
    link = links.redeem(db, token, links.RESET_PASSWORD)
    account = db.get(Account, link.account_id)
    passwords.require_strong(password, settings, email=account.email)
    account.password_hash = passwords.hash_password(password)
    sessions.end_all(db, account.id)


def change_password(
    db: Session, settings: DashboardSettings, account_id: int, current: str, new: str, visitor: Visitor
) -> tuple[Account, str]:
    account = db.get(Account, account_id)
    _require_password(db, settings, account, current, visitor)
    passwords.require_strong(new, settings, email=account.email)
    account.password_hash = passwords.hash_password(new)
    sessions.end_all(db, account.id)  # a stolen session dies with the old password
    return account, start_session(db, settings, account, visitor)


def change_email(
    db: Session, settings: DashboardSettings, account_id: int, new_email: str, password: str, visitor: Visitor
) -> None:
    account = db.get(Account, account_id)
    _require_password(db, settings, account, password, visitor)
    new_email = normalized(new_email)
    if find(db, new_email) is not None:
        mailer.queue(db, new_email, "already_registered", {})
        return
    ttl = timedelta(hours=settings.confirm_hours)
    token = links.issue(db, account.id, links.CONFIRM_EMAIL, ttl, {"email": new_email})
    mailer.queue(db, new_email, "confirm_email", {"token": token, "hours": settings.confirm_hours})


def confirm_email(db: Session, token: str) -> Account:
    link = links.redeem(db, token, links.CONFIRM_EMAIL)
    account = db.get(Account, link.account_id)
    new_email = link.payload["email"]
    if find(db, new_email) is not None:
        raise conflict("Another account took this address meanwhile.")
    account.email = new_email
    return account


def _require_password(
    db: Session, settings: DashboardSettings, account: Account, password: str, visitor: Visitor
) -> None:
    """Re-authentication for sensitive changes, throttled like a login. A runner who came
    with Strava and never set a password has none to give: their session is the proof."""
    if account.password_hash is None:
        return
    throttle = Throttle(db, settings, account.email, visitor.address)
    throttle.check()
    if not passwords.verify(account.password_hash, password):
        throttle.failed()
        db.commit()
        raise bad_request("The current password is wrong.")


def _rehash_if_needed(account: Account, password: str) -> None:
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
