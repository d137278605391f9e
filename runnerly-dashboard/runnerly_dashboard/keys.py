"""Random tokens and their keyed hashes.

Session cookies and mailed links carry 256-bit random tokens; the database keeps only
HMAC-SHA256 of them under the service's secret key. A fast keyed hash suits high-entropy
secrets (nothing to brute-force), and a stolen database opens no session or link.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


class Keys:
    """Extension: ``keys.init_app(settings.key())``."""

    def __init__(self) -> None:
        self._key: bytes | None = None

    def init_app(self, key: bytes) -> None:
        self._key = key

    def hash(self, purpose: str, value: str) -> str:
        if self._key is None:
            raise RuntimeError("Keys.init_app was not called")
        return hmac.new(self._key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()

    def secret(self) -> bytes:
        """The key itself, for itsdangerous' signatures (it derives its own keys by salt)."""
        if self._key is None:
            raise RuntimeError("Keys.init_app was not called")
        return self._key

    def matches(self, purpose: str, value: str, expected: str) -> bool:
        return hmac.compare_digest(self.hash(purpose, value), expected)


def new_token() -> str:
    return secrets.token_urlsafe(32)
