"""Handlers of the runner's profile and settings, and of deleting the account."""

from __future__ import annotations

from runnerly_core.responses import ok
from runnerly_dashboard.accounts import deletion
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import db, upstream
from runnerly_dashboard.sessions.cookies import cleared
from runnerly_dashboard.upstream import DATA

LOCAL_FIELDS = ("monthly_report", "yearly_goal_m")


def profile(account: Account, user: dict) -> dict:
    return {
        **user,
        "user_id": account.user_id,
        "email": account.email,
        "monthly_report": account.monthly_report,
        "yearly_goal_m": account.yearly_goal_m,
        "has_password": account.password_hash is not None,
    }


def get_profile(token_info: dict):
    account = db.session.get(Account, token_info["account_id"])
    user = upstream.user(account.user_id, DATA).get(f"/users/{account.user_id}")
    return ok(profile(account, user))


def update_profile(body: dict, token_info: dict):
    account = db.session.get(Account, token_info["account_id"])
    for field in LOCAL_FIELDS:
        if field in body:
            setattr(account, field, body[field])
    changes = {key: value for key, value in body.items() if key not in LOCAL_FIELDS}
    calls, user_path = upstream.user(account.user_id, DATA), f"/users/{account.user_id}"
    user = calls.json("PATCH", user_path, json=changes) if changes else calls.get(user_path)
    db.session.commit()
    return ok(profile(account, user))


def delete_account(token_info: dict):
    deletion.delete_account(db.session, token_info["account_id"])
    return cleared()
