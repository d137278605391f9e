"""Access tokens: RS256 JWTs in the shape of RFC 9068, signed with the current key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import jwt

from runnerly_core.auth import ALGORITHMS, REQUIRED_CLAIMS
from runnerly_tokendealer.keys.store import KeyStore, SigningKey


@dataclass(frozen=True)
class Grant:
    """What a token grants, once a grant type has checked the request."""

    subject: str
    client_id: str
    audience: str
    scopes: frozenset[str]
    ttl_seconds: int

    @property
    def scope(self) -> str:
        return " ".join(sorted(self.scopes))


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str

    def response(self) -> dict:
        """The successful token response of RFC 6749 §5.1."""
        return {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": self.scope,
        }


def mint(grant: Grant, key: SigningKey, issuer: str, now: datetime | None = None) -> IssuedToken:
    issued_at = int((now or datetime.now(UTC)).timestamp())
    claims = {
        "iss": issuer,
        "aud": grant.audience,
        "sub": grant.subject,
        "client_id": grant.client_id,
        "scope": grant.scope,
        "iat": issued_at,
        "exp": issued_at + grant.ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    # RFC 9068 §2.1 types access tokens "at+jwt", so they cannot pass for ID tokens.
    headers = {"kid": key.kid, "typ": "at+jwt"}
    token = jwt.encode(claims, key.private_key, algorithm="RS256", headers=headers)
    return IssuedToken(token, grant.ttl_seconds, grant.scope)


def verified_claims(token: str, keys: KeyStore, issuer: str) -> dict | None:
    """The claims of a token this server signed with a still-published key, else ``None``."""
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError:
        return None
    key = keys.find_published(kid) if isinstance(kid, str) else None
    if key is None:
        return None
    try:
        return jwt.decode(
            token,
            key.private_key.public_key(),
            algorithms=ALGORITHMS,
            issuer=issuer,
            options={"require": [*REQUIRED_CLAIMS, "client_id"], "verify_aud": False},
        )
    except jwt.PyJWTError:
        return None
