"""OAuth error responses (RFC 6749 §5.2), on every path of the OAuth endpoints.

Clients of ``/oauth/token`` and ``/oauth/introspect`` are OAuth libraries, which parse
``{"error", "error_description"}`` bodies, not problem+json. So the problems Connexion
raises before a handler runs (wrong media type, unexpected parameter, wrong method) and
unexpected failures are answered in the OAuth format on those paths, and left as problem+json
everywhere else.
"""

from __future__ import annotations

import json
import logging

from connexion import problem
from connexion.exceptions import ProblemException
from connexion.http_facts import HTTP_STATUS_CODES
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware.exceptions import ExceptionMiddleware
from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)

OAUTH_PATHS = frozenset({"/oauth/token", "/oauth/introspect"})
# Token responses and errors must not be cached (RFC 6749 §5.1).
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
# Named on every answer a handler gives: the token operation also documents the gateway's
# 403 problem+json, so Connexion no longer infers the one media type it produces.
OAUTH_JSON = {"Content-Type": "application/json", **NO_STORE}
CHALLENGE = {"WWW-Authenticate": 'Basic realm="runnerly"'}


class OAuthError(Exception):
    """An error answered as RFC 6749 §5.2 JSON. Descriptions are ASCII without ``"`` or
    ``\\``, as §5.2 requires, so they never echo request input verbatim."""

    def __init__(
        self, error: str, description: str, status: int = 400, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(f"{error}: {description}")
        self.error, self.description, self.status = error, description, status
        self.headers = {**NO_STORE, **(headers or {})}

    @property
    def body(self) -> dict:
        return {"error": self.error, "error_description": self.description}


def invalid_request(description: str) -> OAuthError:
    return OAuthError("invalid_request", description)


def invalid_client() -> OAuthError:
    # One answer for an unknown client, a wrong secret and a revoked client.
    return OAuthError("invalid_client", "Client authentication failed.", 401, CHALLENGE)


def too_many_failures(retry_after: int) -> OAuthError:
    # RFC 6749 has no code for this; temporarily_unavailable (§4.1.2.1) is the nearest, and
    # 429 with Retry-After is what HTTP clients understand (RFC 6585 §4).
    return OAuthError(
        "temporarily_unavailable",
        f"Too many failed client authentications; retry after {retry_after} seconds.",
        429,
        {"Retry-After": str(retry_after)},
    )


def unauthorized_client(description: str) -> OAuthError:
    return OAuthError("unauthorized_client", description)


def unsupported_grant_type(description: str) -> OAuthError:
    return OAuthError("unsupported_grant_type", description)


def invalid_scope(description: str) -> OAuthError:
    return OAuthError("invalid_scope", description)


def invalid_target(description: str) -> OAuthError:
    return OAuthError("invalid_target", description)


def flask_response(error: OAuthError):
    """Flask error handler for :class:`OAuthError` raised by the grant code."""
    return error.body, error.status, {**error.headers, **OAUTH_JSON}


def install_error_handlers(app) -> None:
    """Answer the middleware's errors on the OAuth paths in the OAuth format."""
    app.app.register_error_handler(OAuthError, flask_response)
    app.add_error_handler(ProblemException, _problem)
    app.add_error_handler(HTTPException, _http_exception)
    app.add_error_handler(Exception, _unexpected)


def _problem(request: ConnexionRequest, exc: ProblemException) -> ConnexionResponse:
    if not _on_oauth_path(request):
        return ExceptionMiddleware.problem_handler(request, exc)
    log.warning("rejected OAuth request: %s", exc.detail)
    return _connexion_response(invalid_request(_request_problem(exc)))


def _http_exception(request: ConnexionRequest, exc: HTTPException) -> ConnexionResponse:
    if not _on_oauth_path(request):
        # What Connexion answers by default, kept for every other path.
        return problem(
            title=HTTP_STATUS_CODES.get(exc.status_code),
            detail=exc.detail,
            status=exc.status_code,
            headers=exc.headers,
        )
    if exc.status_code >= 500:
        return _connexion_response(_server_error())
    status = 405 if exc.status_code == 405 else 400
    error = OAuthError("invalid_request", _request_problem(exc), status, exc.headers)
    return _connexion_response(error)


def _unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    if not _on_oauth_path(request):
        return ExceptionMiddleware.common_error_handler(request, exc)
    log.error("OAuth request failed", exc_info=exc)
    return _connexion_response(_server_error())


def _on_oauth_path(request: ConnexionRequest) -> bool:
    """Whether the request is for an OAuth endpoint. Behind the gateway the path starts
    with the prefix it stripped (the ASGI root path, ``runnerly_core.forwarded``)."""
    path, root = request.url.path, request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path in OAUTH_PATHS


def _server_error() -> OAuthError:
    # RFC 6749 defines server_error for the authorization endpoint; OAuth libraries
    # understand it on the token endpoint too.
    return OAuthError("server_error", "The server failed to answer; try again later.", 500)


def _request_problem(exc: ProblemException | HTTPException) -> str:
    status = getattr(exc, "status", None) or getattr(exc, "status_code", 400)
    return {
        405: "This endpoint accepts POST only.",
        415: "Send parameters as application/x-www-form-urlencoded.",
    }.get(status, "The request is malformed or has a parameter this endpoint does not take.")


def _connexion_response(error: OAuthError) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=error.status,
        mimetype="application/json",
        headers=error.headers,
        body=json.dumps(error.body).encode(),
    )
