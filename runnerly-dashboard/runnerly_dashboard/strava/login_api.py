"""Handlers of "Continue with Strava": sign in (or up) by the Strava athlete."""

from runnerly_core.responses import ok
from runnerly_dashboard.extensions import db, upstream
from runnerly_dashboard.sessions.api import settings, signed_in, visitor
from runnerly_dashboard.sessions.cookies import session_answer
from runnerly_dashboard.sessions.names import session_token
from runnerly_dashboard.sessions.services import end
from runnerly_dashboard.strava import login
from runnerly_dashboard.upstream import STRAVA, STRAVA_LOGIN_SCOPE


def start():
    answer = upstream.own(STRAVA, STRAVA_LOGIN_SCOPE).json("POST", "/strava/login")
    return ok({"authorize_url": answer["authorize_url"], "expires_in": answer["expires_in"]})


def complete(body: dict):
    session = db.session
    end(session, session_token())  # whatever session the browser had: never reused
    account, token = login.sign_in(session, settings(), body, visitor())
    session.commit()
    return session_answer(signed_in(account), new_token=token)
