"""Handlers of sign-up, confirmation, passwords and addresses."""

from runnerly_core.responses import no_content, ok
from runnerly_dashboard.accounts import services
from runnerly_dashboard.extensions import db, mailer, upstream
from runnerly_dashboard.sessions.api import settings, signed_in, visitor
from runnerly_dashboard.sessions.cookies import cleared, session_answer
from runnerly_dashboard.upstream import DATA

MAIL_SENT = {"detail": "If this address can be mailed, a message is on its way: follow its link."}


def sign_up(body: dict):
    services.sign_up(db.session, settings(), body)
    mailer.commit(db.session)
    return ok(MAIL_SENT, 202)


def confirm_sign_up(body: dict):
    account, token = services.confirm_sign_up(db.session, settings(), body["token"], visitor())
    db.session.commit()
    return session_answer(signed_in(account), new_token=token)


def forgot_password(body: dict):
    services.forgot_password(db.session, settings(), body["email"])
    mailer.commit(db.session)
    return ok(MAIL_SENT, 202)


def reset_password(body: dict):
    services.reset_password(db.session, settings(), body["token"], body["password"])
    db.session.commit()
    return cleared()  # every session ended, this browser's too: a fresh CSRF token for none


def change_password(body: dict, token_info: dict):
    account, token = services.change_password(
        db.session,
        settings(),
        token_info["account_id"],
        body["current_password"],
        body["new_password"],
        visitor(),
    )
    db.session.commit()
    return session_answer(signed_in(account), new_token=token)


def change_email(body: dict, token_info: dict):
    services.change_email(
        db.session, settings(), token_info["account_id"], body["email"], body["password"], visitor()
    )
    mailer.commit(db.session)
    return ok(MAIL_SENT, 202)


def confirm_email(body: dict):
    account = services.confirm_email(db.session, body["token"])
    update_runner_email(account.user_id, account.email)
    db.session.commit()
    return no_content()


def update_runner_email(user_id: int, email: str) -> None:
    upstream.user(user_id, DATA).json("PATCH", f"/users/{user_id}", json={"email": email})
