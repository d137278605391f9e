"""Handlers of the session: who is signed in, log in, log out (here or everywhere)."""

from flask import current_app

from runnerly_dashboard.accounts import services as accounts
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import db, mailer
from runnerly_dashboard.sessions import client, services
from runnerly_dashboard.sessions.cookies import cleared, session_answer
from runnerly_dashboard.sessions.names import session_token


def current():
    found = services.find(db.session, session_token())
    account = db.session.get(Account, found.account_id) if found else None
    if account is None:
        return session_answer(anonymous(), end_session=session_token() is not None)
    return session_answer(signed_in(account))


def login(body: dict):
    session = db.session
    services.end(session, session_token())  # whatever session the browser had: never reused
    account, token = accounts.log_in(session, settings(), body["email"], body["password"], visitor())
    mailer.commit(session)
    return session_answer(signed_in(account), new_token=token)


def logout():
    services.end(db.session, session_token())
    db.session.commit()
    return cleared()


def logout_everywhere(token_info: dict):
    services.end_all(db.session, token_info["account_id"])
    db.session.commit()
    return cleared()


def anonymous() -> dict:
    return {"authenticated": False}


def signed_in(account: Account) -> dict:
    return {
        "authenticated": True,
        "account": {
            "user_id": account.user_id,
            "email": account.email,
            "has_password": account.password_hash is not None,
        },
    }


def settings():
    return current_app.config["RUNNERLY_SETTINGS"]


def visitor() -> accounts.Visitor:
    return accounts.Visitor(client.address(), client.user_agent())
