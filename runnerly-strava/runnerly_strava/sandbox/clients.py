"""Who is calling: application credentials, bearer tokens, allowed hosts."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import g, request

from .config import Application
from .core import current_sandbox
from .errors import StravaError, bad_request, missing_scope
from .tokens import AccessToken

View = TypeVar("View", bound=Callable[..., Any])
_ALWAYS_ALLOWED_HOSTS = ("localhost", "127.0.0.1")


def authenticate_client(values: Mapping[str, str]) -> Application:
    """The application whose client_id and client_secret were sent."""
    application = current_sandbox().application(values.get("client_id"))
    if application is None:
        raise bad_request("Application", "client_id")
    if not secrets.compare_digest(values.get("client_secret", ""), application.client_secret):
        raise StravaError(401, "Authorization Error", "Application", "client_secret", "invalid")
    g.client_id = application.client_id
    return application


def host_allowed(application: Application, url: str) -> bool:
    """Strava only sends athletes and events to the app's own callback domain."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return False
    domain = application.callback_domain
    if host in _ALWAYS_ALLOWED_HOSTS or domain is None:
        return True
    return host == domain or host.endswith(f".{domain}")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.values.get("access_token")


def requires_token(*any_of: str, permission: str) -> Callable[[View], View]:
    """Inject the caller's AccessToken; without any of `any_of` scopes answer 401."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            token: AccessToken = current_sandbox().tokens.authenticate(bearer_token())
            g.athlete_id = token.athlete_id
            if any_of and not token.has(*any_of):
                raise missing_scope(permission)
            return view(token, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
