"""Local JWT verification: the OpenAPI security handler of every service.

Tokens are RS256 JWTs signed by the token dealer. Each app has its own
:class:`TokenVerifier` (made by ``build_app``), whose keys come from the dealer's JWKS
through a :class:`~runnerly_core.jwks.JwksCache`: looked up in memory on the event loop,
fetched only by the cache's own thread.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass

import jwt
from connexion.exceptions import OAuthProblem

from runnerly_core.http import fetch_json
from runnerly_core.jwks import JwksCache
from runnerly_core.problems import forbidden
from runnerly_core.settings import ServiceSettings

ALGORITHMS = ["RS256"]  # pinned: never taken from the token header
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub", "scope", "jti", "subject_type"]
# Who ``sub`` is: a user (through a trusted client), or the client itself, a service.
USER, SERVICE = "user", "service"
SUBJECT_TYPES = frozenset({USER, SERVICE})
# Where build_app keeps the app's verifier: the Flask app's extensions and the ASGI scope.
VERIFIER_KEY = "runnerly.token_verifier"
# A request that comes before a worker's first JWKS fetch has landed waits this long for it,
# without holding the loop; with the dealer down at start, its token is then refused.
FIRST_FETCH_WAIT_SECONDS = 3.0
# A token whose key is unknown waits this long for the refetch its miss asked for: the first
# token signed with a freshly rotated key is accepted, not refused while its key is fetched.
KEY_MISS_WAIT_SECONDS = 1.0


class UnknownKey(jwt.InvalidTokenError):
    """The token names a ``kid`` this process has not fetched (yet)."""


class TokenVerifier:
    """Verifies bearer tokens for one audience against the dealer's published keys."""

    def __init__(
        self, *, issuer: str, audience: str, keys: JwksCache, leeway: int = 30, max_lifetime: int = 3600
    ) -> None:
        self.issuer, self.audience, self.keys = issuer, audience, keys
        self.leeway, self.max_lifetime = leeway, max_lifetime

    @classmethod
    def from_settings(cls, settings: ServiceSettings, audience: str) -> TokenVerifier:
        keys = JwksCache(
            lambda: fetch_json(settings.jwks_url),
            refresh_interval=settings.jwks_refresh_seconds,
            min_refresh=settings.jwks_min_refresh_seconds,
        )
        return cls(
            issuer=settings.token_issuer,
            audience=audience,
            keys=keys,
            leeway=settings.jwt_leeway_seconds,
            max_lifetime=settings.max_token_lifetime_seconds,
        )

    def verify(self, token: str) -> dict:
        """Return the token's claims, or raise :class:`jwt.InvalidTokenError`."""
        kid = jwt.get_unverified_header(token).get("kid")
        if not isinstance(kid, str) or not kid:
            raise jwt.InvalidTokenError("token has no kid")
        key = self.keys.get(kid)
        if key is None:
            raise UnknownKey(f"unknown signing key {kid!r}")
        claims = jwt.decode(
            token,
            key.key,
            algorithms=ALGORITHMS,
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": REQUIRED_CLAIMS},
        )
        self._check_lifetime(claims)
        if claims["subject_type"] not in SUBJECT_TYPES:
            raise jwt.InvalidTokenError("subject_type must be 'user' or 'service'")
        return claims

    def _check_lifetime(self, claims: dict) -> None:
        # A token that lives longer than the dealer ever issues was not issued by it as is:
        # a leaked key's forgery, or a key the dealer has since dropped.
        if claims["exp"] - claims["iat"] > self.max_lifetime:
            raise jwt.InvalidTokenError(f"token lifetime exceeds {self.max_lifetime} seconds")


async def token_info(token: str, request) -> dict:
    """Connexion ``x-tokenInfoFunc``: claims of a valid token, else a 401 problem."""
    verifier: TokenVerifier = request.scope[VERIFIER_KEY]
    if not verifier.keys.loaded:
        await verifier.keys.wait_until_loaded(FIRST_FETCH_WAIT_SECONDS)
    try:
        return await _verified(verifier, token)
    except jwt.PyJWTError as error:
        raise OAuthProblem(detail=f"Invalid bearer token: {error}") from None


# Connexion inspects the security function's signature on every request (to know whether to
# pass ``request``); ``inspect.signature`` returns a precomputed ``__signature__`` at once.
token_info.__signature__ = inspect.signature(token_info)


async def _verified(verifier: TokenVerifier, token: str) -> dict:
    try:
        return verifier.verify(token)
    except UnknownKey:
        await verifier.keys.wait_for_refresh(KEY_MISS_WAIT_SECONDS)
    return verifier.verify(token)


class VerifierMiddleware:
    """Hands the app's verifier to the security handler, which sees only the request."""

    def __init__(self, app, flask_app) -> None:
        self.app, self.flask_app = app, flask_app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            scope[VERIFIER_KEY] = self.flask_app.extensions[VERIFIER_KEY]
        await self.app(scope, receive, send)


@dataclass(frozen=True)
class Caller:
    """Who is calling: a user (through a trusted client) or a service acting on its own.

    The token's ``subject_type`` says which; ``sub`` is then the user's id or, following
    RFC 9068, the service's ``client_id``. Nothing is inferred from comparing the two.
    """

    subject: str
    client_id: str
    scopes: frozenset[str]
    subject_type: str

    @classmethod
    def from_claims(cls, claims: Mapping) -> Caller:
        client_id = claims.get("client_id", claims["sub"])
        scopes = frozenset(claims["scope"].split())
        return cls(str(claims["sub"]), str(client_id), scopes, claims["subject_type"])

    @property
    def is_user(self) -> bool:
        return self.subject_type != SERVICE

    @property
    def user_id(self) -> int | None:
        is_id = self.is_user and self.subject.isascii() and self.subject.isdigit()
        return int(self.subject) if is_id else None

    def require_user(self, user_id: int) -> None:
        """Object-level check: a user token reaches only its own user's data."""
        if self.is_user and self.user_id != user_id:
            raise forbidden("This token belongs to another user.")

    def require_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise forbidden(f"This operation needs the {scope!r} scope.")


def caller_for(user_id: int, token_info: Mapping) -> Caller:
    """The caller, once checked to be allowed to reach ``user_id``'s data (scopes are
    checked by Connexion from the spec)."""
    caller = Caller.from_claims(token_info)
    caller.require_user(user_id)
    return caller
