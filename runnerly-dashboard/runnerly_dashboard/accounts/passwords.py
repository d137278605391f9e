"""Passwords: argon2id (argon2-cffi's defaults, RFC 9106's second recommendation), a
minimum length, and zxcvbn's estimate to refuse the commonest and guessable ones."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from runnerly_core.problems import bad_request
from runnerly_dashboard.settings import DashboardSettings

# zxcvbn's cost grows with length; what it sees of a longer password is plenty to judge.
ZXCVBN_MAX_LENGTH = 72

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches. Without a hash a dummy one is checked, so that an
    unknown address takes as long as a wrong password."""
    try:
        return hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)


def require_strong(password: str, settings: DashboardSettings, *, email: str = "") -> None:
    if len(password) < settings.min_password_length:
        raise bad_request(f"The password must be at least {settings.min_password_length} characters long.")
    result = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[email, email.split("@")[0], "runnerly"])
    if result["score"] < settings.min_password_score:
        advice = (
            result["feedback"].get("warning") or "It is among the most common or easily guessed passwords."
        )
        raise bad_request(f"Choose a harder password: {advice}".rstrip(".") + ".")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher.hash("not the password of anyone at all")
