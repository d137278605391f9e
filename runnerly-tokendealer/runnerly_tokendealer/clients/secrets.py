"""Client secrets: generated at random, stored as argon2id hashes, verified in constant time.

The parameters are OWASP's argon2id minimum (19 MiB, two passes) rather than the library's
64 MiB default. A secret is 256 random bits, so no hash setting makes guessing it feasible;
what the hash must do is make a leaked table useless while keeping every token request,
which anyone on the network may send, cheap in memory and CPU.
"""

import secrets
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1, type=Type.ID)


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """Whether ``secret`` matches; an unknown client (``None``) costs the same time."""
    try:
        matches = _hasher.verify(secret_hash or _hash_of_nothing(), secret)
    except (VerificationError, InvalidHashError):
        return False
    return matches and secret_hash is not None


@cache
def _hash_of_nothing() -> str:
    """A hash no secret matches, verified in place of an unknown client's."""
    return _hasher.hash(secrets.token_urlsafe(32))
