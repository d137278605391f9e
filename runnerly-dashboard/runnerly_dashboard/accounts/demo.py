"""Demo accounts for ``make run``: a confirmed account with a known password for a runner
the data service has already (the demo runners it seeds)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_dashboard.accounts import passwords
from runnerly_dashboard.accounts.models import Account

DEMO_YEARLY_GOAL_M = 2_800_000.0


def ensure_demo_account(session: Session, email: str, user_id: int, password: str) -> str:
    """Creates or repairs the account; says what it did."""
    email = email.strip().lower()
    account = session.scalar(select(Account).where(Account.email == email))
    holder = session.scalar(select(Account).where(Account.user_id == user_id))
    if holder is not None and holder is not account:
        session.delete(holder)  # an account for a runner id now reused: stale local state
        session.flush()
    if account is None:
        # A goal just above the demo runner's year (about 2,700 km): the page shows the chase.
        account = Account(email=email, yearly_goal_m=DEMO_YEARLY_GOAL_M)
        session.add(account)
    what = "created" if account.id is None else ("repaired" if account.user_id != user_id else "kept")
    account.user_id, account.confirmed_at = user_id, account.confirmed_at or utcnow()
    if account.password_hash is None or not passwords.verify(account.password_hash, password):
        account.password_hash = passwords.hash_password(password)
    session.commit()
    return what
