"""The two cookies: the session (HttpOnly) and the CSRF token (readable by the app).

Both are ``SameSite=Lax`` and ``Secure`` when the app is served over TLS; answers that
change them are built here, so every handler sets them alike.
"""

from __future__ import annotations

import json

from flask import Response, current_app

from runnerly_dashboard.sessions import csrf
from runnerly_dashboard.sessions.names import CSRF_COOKIE, SESSION_COOKIE, session_token

__all__ = ["CSRF_COOKIE", "SESSION_COOKIE", "cleared", "session_answer", "session_token"]


def session_answer(body: dict, *, new_token: str | None = None, end_session: bool = False, status: int = 200):
    """A JSON answer that sets a new session cookie (or clears it) and a CSRF token bound
    to the session the browser holds afterwards; ``body`` gets that token."""
    token = new_token if new_token is not None else (None if end_session else csrf.live_session_token())
    csrf_token = csrf.issue(token)
    response = Response(json.dumps({**body, "csrf_token": csrf_token}), status, mimetype="application/json")
    if new_token is not None:
        _set(response, SESSION_COOKIE, new_token, http_only=True, max_age=_session_seconds())
    elif end_session:
        response.delete_cookie(SESSION_COOKIE, path="/", secure=_secure(), httponly=True, samesite="Lax")
    _set(response, CSRF_COOKIE, csrf_token, http_only=False, max_age=None)
    return response


def cleared(status: int = 204) -> Response:
    """An empty answer that ends the browser's session."""
    response = Response(status=status)
    del response.headers["Content-Type"]
    response.delete_cookie(SESSION_COOKIE, path="/", secure=_secure(), httponly=True, samesite="Lax")
    _set(response, CSRF_COOKIE, csrf.issue(None), http_only=False, max_age=None)
    return response


def _set(response: Response, name: str, value: str, *, http_only: bool, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=_secure(), httponly=http_only, samesite="Lax"
    )


def _secure() -> bool:
    return current_app.config["RUNNERLY_SETTINGS"].secure_cookies


def _session_seconds() -> int:
    return current_app.config["RUNNERLY_SETTINGS"].session_days * 86400
