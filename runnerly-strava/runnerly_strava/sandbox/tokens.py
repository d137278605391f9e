"""OAuth state: authorization codes, access and refresh tokens, grants."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from .config import Clock
from .errors import bad_request, invalid_token

SCOPES = (
    "read",
    "read_all",
    "profile:read_all",
    "profile:write",
    "activity:read",
    "activity:read_all",
    "activity:write",
)


def format_scopes(scopes: frozenset[str]) -> str:
    return ",".join(scope for scope in SCOPES if scope in scopes)


@dataclass
class AuthCode:
    client_id: str
    athlete_id: int
    scopes: frozenset[str]
    expires_at: int
    used: bool = False


@dataclass
class AccessToken:
    token: str
    client_id: str
    athlete_id: int
    scopes: frozenset[str]
    expires_at: int
    revoked: bool = False

    def has(self, *any_of: str) -> bool:
        return any(scope in self.scopes for scope in any_of)


@dataclass
class RefreshToken:
    client_id: str
    athlete_id: int
    scopes: frozenset[str]
    active: bool = True


@dataclass(frozen=True)
class TokenPair:
    access: AccessToken
    refresh_token: str


class TokenStore:
    def __init__(self, clock: Clock, access_lifetime: int, code_lifetime: int) -> None:
        self._clock = clock
        self._access_lifetime = access_lifetime
        self._code_lifetime = code_lifetime
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._codes: dict[str, AuthCode] = {}
            self._access: dict[str, AccessToken] = {}
            self._refresh: dict[str, RefreshToken] = {}

    def issue_code(self, client_id: str, athlete_id: int, scopes: frozenset[str]) -> str:
        code = secrets.token_hex(20)
        expires_at = int(self._clock()) + self._code_lifetime
        with self._lock:
            self._codes[code] = AuthCode(client_id, athlete_id, scopes, expires_at)
        return code

    def exchange_code(self, client_id: str, code: str) -> TokenPair:
        """Codes are single-use and short-lived. Tokens of earlier grants stay valid."""
        with self._lock:
            grant = self._codes.get(code)
            if not grant or grant.used or grant.client_id != client_id or self._now() >= grant.expires_at:
                raise bad_request("AuthorizationCode", "code")
            grant.used = True
            return self._issue(client_id, grant.athlete_id, grant.scopes)

    def refresh(self, client_id: str, refresh_token: str) -> TokenPair:
        """Every refresh rotates the refresh token: the old one stops working."""
        with self._lock:
            current = self._refresh.get(refresh_token)
            if not current or not current.active or current.client_id != client_id:
                raise bad_request("RefreshToken", "refresh_token")
            current.active = False
            return self._issue(client_id, current.athlete_id, current.scopes)

    def authenticate(self, token: str | None) -> AccessToken:
        with self._lock:
            access = self._access.get(token or "")
            if not access or access.revoked or self._now() >= access.expires_at:
                raise invalid_token()
            return access

    def client_of(self, token: str | None) -> str | None:
        """The application a token was issued to, even if it is no longer valid."""
        with self._lock:
            access = self._access.get(token or "")
            return access.client_id if access else None

    def deauthorize(self, token: str | None) -> AccessToken:
        access = self.authenticate(token)
        with self._lock:
            self._revoke(access.client_id, access.athlete_id)
        return access

    def granted_scopes(self, client_id: str, athlete_id: int) -> frozenset[str] | None:
        """Scopes of the athlete's latest live authorization of the app, or None."""
        with self._lock:
            for refresh in reversed(self._refresh.values()):
                if refresh.active and (refresh.client_id, refresh.athlete_id) == (client_id, athlete_id):
                    return refresh.scopes
        return None

    def expire_all(self) -> int:
        now = self._now()
        with self._lock:
            for access in self._access.values():
                access.expires_at = min(access.expires_at, now)
            return len(self._access)

    def _now(self) -> int:
        return int(self._clock())

    def _issue(self, client_id: str, athlete_id: int, scopes: frozenset[str]) -> TokenPair:
        access = AccessToken(
            secrets.token_hex(20), client_id, athlete_id, scopes, self._now() + self._access_lifetime
        )
        refresh_token = secrets.token_hex(20)
        self._access[access.token] = access
        self._refresh[refresh_token] = RefreshToken(client_id, athlete_id, scopes)
        return TokenPair(access, refresh_token)

    def _revoke(self, client_id: str, athlete_id: int) -> None:
        for access in self._access.values():
            if (access.client_id, access.athlete_id) == (client_id, athlete_id):
                access.revoked = True
        for refresh in self._refresh.values():
            if (refresh.client_id, refresh.athlete_id) == (client_id, athlete_id):
                refresh.active = False
