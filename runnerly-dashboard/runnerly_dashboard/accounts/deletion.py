"""Deleting an account, and forgetting a runner deleted elsewhere.

The data service deletes the runner and announces ``users.deleted`` through its outbox;
the Strava service (deauthorize, forget the link and its runs), the training service
(its caches) and this service (:func:`forget_user`, for a runner deleted by an operator)
consume it, each on its own durable queue, so a service that is down catches up.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.upstream import DATA, checked


def delete_account(db: Session, account_id: int) -> None:
    """Deletes the runner in the data service first: if it does not answer, nothing is
    deleted and the runner can try again (a runner already gone there is fine)."""
    user_id = db.get(Account, account_id).user_id
    # No transaction stays open across the call: the users.deleted consumer of this very
    # service may write meanwhile (on SQLite a reader could then never write).
    db.commit()
    response = upstream.user(user_id, DATA).response("DELETE", f"/users/{user_id}")
    if response.status_code != 404:
        checked(response)
    forget_user(db, user_id)
    db.commit()


def forget_user(db: Session, user_id: int) -> int:
    """Removes the account of ``user_id`` (its sessions, links and report rows cascade)."""
    upstream.tokens.forget_user(user_id)
    return db.execute(delete(Account).where(Account.user_id == user_id)).rowcount
