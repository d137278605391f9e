"""The cookies' names, and the session token the browser sent."""

from flask import request

SESSION_COOKIE = "runnerly_session"
CSRF_COOKIE = "runnerly_csrf"


def session_token() -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None
