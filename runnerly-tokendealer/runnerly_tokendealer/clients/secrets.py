"""Client secrets: 256 random bits, stored as an HMAC-SHA256 under a server-side key.

Why not argon2, as for passwords: a slow hash protects secrets that people choose, which
an attacker with a leaked table can guess. A client secret is ``secrets.token_urlsafe(32)``,
256 random bits: no one guesses it, hashed slowly or not, so argon2 adds nothing. What it
did add was 40-100 ms of CPU and 19 MiB on every token request, which anyone who can reach
the dealer may send: an unauthenticated CPU sink. A keyed hash costs microseconds, and its
key lives beside the signing keys, never in the database, so a leaked table alone is
useless. Digests are compared in constant time.

Hashes made by earlier versions (argon2id, ``$argon2...``) still verify; the first
successful authentication replaces one with the HMAC (verify-and-rehash: the secret is
known only then). A client that never authenticates keeps its argon2 hash, and costs the
argon2 time only when someone presents its name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from filelock import FileLock

PREFIX = "hmac-sha256$"
LEGACY_PREFIX = "$argon2"
KEY_BYTES = 32
# Compared against for an unknown client: as long as a real digest, and matched by none.
NO_DIGEST = "-" * 64


@dataclass(frozen=True)
class Verdict:
    matches: bool
    needs_rehash: bool = False


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


class SecretHasher:
    """Hashes and verifies client secrets with one server-side key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < KEY_BYTES:
            raise ValueError(f"the client secret key must have at least {KEY_BYTES} bytes")
        self._key = key

    @classmethod
    def from_file(cls, path: Path) -> SecretHasher:
        """The key in ``path`` (base64), made on first use; safe in concurrent processes."""
        return cls(_load_or_create_key(path))

    def hash(self, secret: str) -> str:
        return PREFIX + self._digest(secret)

    def verify(self, stored: str | None, secret: str) -> Verdict:
        """Whether ``secret`` matches ``stored``; an unknown client (``None``) costs an HMAC
        like any other, so the time taken does not tell which names exist."""
        if stored is not None and stored.startswith(LEGACY_PREFIX):
            return Verdict(_argon2_matches(stored, secret), needs_rehash=True)
        known = stored is not None and stored.startswith(PREFIX)
        expected = stored.removeprefix(PREFIX) if known else NO_DIGEST
        matches = hmac.compare_digest(self._digest(secret), expected)
        return Verdict(matches and known)

    def _digest(self, secret: str) -> str:
        message = secret.encode("utf-8", "replace")
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


def _argon2_matches(stored: str, secret: str) -> bool:
    try:
        return PasswordHasher().verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False


def _load_or_create_key(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with FileLock(path.with_name(f".{path.name}.lock"), timeout=30, mode=0o600):
            if not path.exists():
                _write_new_key(path)
    return base64.b64decode(path.read_text().strip())


def _write_new_key(path: Path) -> None:
    # Written beside, then renamed: a reader sees no key file or a whole one.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
