"""Local JWT verification: the OpenAPI security handler of every service.

Tokens are RS256 JWTs signed by the token dealer. Keys come from its JWKS, cached in the
process; an unknown ``kid`` triggers one refetch, at most once per
``jwks_min_refresh_seconds`` so that forged ``kid`` values cannot hammer the dealer.
Connexion runs the security handler on the event loop, so nothing here may do network
I/O per request: only a cache miss fetches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import jwt
from connexion.exceptions import OAuthProblem

from runnerly_core.problems import forbidden

ALGORITHMS = ["RS256"]  # pinned: never taken from the token header
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub", "scope", "jti"]

JwksFetcher = Callable[[], Mapping]


class TokenVerifier:
    """Verifies bearer tokens for one audience against a cached JWKS."""

    def __init__(self) -> None:
        self.issuer = ""
        self.audience = ""
        self.leeway = 30
        self.min_refresh = 10.0
        self._fetch: JwksFetcher | None = None
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def configure(
        self,
        *,
        issuer: str,
        audience: str,
        fetch_jwks: JwksFetcher,
        leeway: int = 30,
        min_refresh: float = 10.0,
    ) -> None:
        self.issuer, self.audience, self.leeway = issuer, audience, leeway
        self.min_refresh = min_refresh
        self._fetch = fetch_jwks
        self._keys, self._fetched_at = {}, float("-inf")

    def verify(self, token: str) -> dict:
        """Return the token's claims, or raise :class:`jwt.InvalidTokenError`."""
        kid = jwt.get_unverified_header(token).get("kid")
        if not kid:
            raise jwt.InvalidTokenError("token has no kid")
        return jwt.decode(
            token,
            self._key(kid),
            algorithms=ALGORITHMS,
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": REQUIRED_CLAIMS},
        )

    def _key(self, kid: str):
        key = self._keys.get(kid) or self._refresh_for(kid)
        if key is None:
            raise jwt.InvalidTokenError(f"unknown signing key {kid!r}")
        return key.key

    def _refresh_for(self, kid: str) -> jwt.PyJWK | None:
        with self._lock:
            if kid not in self._keys and time.monotonic() - self._fetched_at >= self.min_refresh:
                self._keys = _rsa_keys(self._fetch() if self._fetch else {"keys": []})
                self._fetched_at = time.monotonic()
            return self._keys.get(kid)


def _rsa_keys(jwks: Mapping) -> dict[str, jwt.PyJWK]:
    keys = {}
    for jwk in jwks.get("keys", []):
        if jwk.get("kty") == "RSA" and jwk.get("kid"):
            keys[jwk["kid"]] = jwt.PyJWK(dict(jwk), algorithm="RS256")
    return keys


# The process's verifier, bound by the app factory; the spec's x-tokenInfoFunc points here.
verifier = TokenVerifier()


def token_info(token: str) -> dict:
    """Connexion ``x-tokenInfoFunc``: claims of a valid token, else a 401 problem."""
    try:
        return verifier.verify(token)
    except jwt.PyJWTError as error:
        raise OAuthProblem(detail=f"Invalid bearer token: {error}") from None


@dataclass(frozen=True)
class Caller:
    """Who is calling: a user (through a trusted client) or a service acting on its own.

    Following RFC 9068, a token obtained with client credentials has ``sub`` equal to its
    ``client_id``; a token issued on behalf of a user has the user's id as ``sub``.
    """

    subject: str
    client_id: str
    scopes: frozenset[str]

    @classmethod
    def from_claims(cls, claims: Mapping) -> Caller:
        client_id = claims.get("client_id", claims["sub"])
        return cls(str(claims["sub"]), str(client_id), frozenset(claims["scope"].split()))

    @property
    def is_user(self) -> bool:
        return self.subject != self.client_id

    @property
    def user_id(self) -> int | None:
        return int(self.subject) if self.is_user and self.subject.isdigit() else None

    def require_user(self, user_id: int) -> None:
        """Object-level check: a user token reaches only its own user's data."""
        if self.is_user and self.user_id != user_id:
            raise forbidden("This token belongs to another user.")

    def require_scope(self, scope: str) -> None:
        if scope not in self.scopes:
            raise forbidden(f"This operation needs the {scope!r} scope.")
