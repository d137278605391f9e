"""CSRF protection: a signed double-submit token, bound to the session.

The token is ``nonce.signature`` where the signature is a keyed hash of the nonce and of
the session cookie the browser holds (or of "no session"). A write must send it twice:
in the ``runnerly_csrf`` cookie and in the ``X-CSRF-Token`` header. Another site can make
the browser send cookies but cannot read them to set the header; and since the token is
bound to the session, a token planted in the cookie by a sibling domain does not fit the
victim's session. A session cookie that no longer opens a session counts as none.
Following OWASP's "signed double-submit cookie".
"""

from __future__ import annotations

import hmac
import secrets

from flask import request

from runnerly_core.problems import forbidden
from runnerly_dashboard.extensions import db, keys
from runnerly_dashboard.sessions import services
from runnerly_dashboard.sessions.names import CSRF_COOKIE, session_token

HEADER = "X-CSRF-Token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The token in the body proves the request came from the mail (RFC 8058 one-click).
EXEMPT = frozenset({"/api/reports/unsubscribe"})


def issue(session_token: str | None) -> str:
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_signature(session_token, nonce)}"


def protect() -> None:
    """Flask ``before_request``: refuse a write without a matching token (403)."""
    if request.method not in UNSAFE or not request.path.startswith("/api/") or request.path in EXEMPT:
        return
    header, cookie = request.headers.get(HEADER, ""), request.cookies.get(CSRF_COOKIE, "")
    if not header or not cookie:
        raise forbidden(f"CSRF check failed: send the {CSRF_COOKIE} cookie's value in {HEADER}.")
    if not hmac.compare_digest(header, cookie) or not _valid(header, live_session_token()):
        raise forbidden("CSRF check failed: the token does not match; get a new one at GET /api/session.")


def live_session_token() -> str | None:
    """The browser's session token if it opens a live session: a cookie left behind by a
    session that ended (logged out elsewhere, expired) counts as no session."""
    token = session_token()
    return token if services.find(db.session, token) is not None else None


def _valid(token: str, session_token: str | None) -> bool:
    nonce, _, signature = token.partition(".")
    return bool(nonce) and hmac.compare_digest(signature, _signature(session_token, nonce))


def _signature(session_token: str | None, nonce: str) -> str:
    return keys.hash("csrf", f"{session_token or ''}|{nonce}")
