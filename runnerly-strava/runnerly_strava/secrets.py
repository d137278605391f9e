"""Secrets of the service: Strava tokens encrypted at rest, and signing keys.

Tokens are sealed with Fernet (MultiFernet over ``RUNNERLY_STRAVA_TOKEN_KEYS``, newest key
first, so keys rotate without re-encrypting everything at once). In development a missing
secret is generated once into a local file (mode 0600) and reused; it is never committed.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from runnerly_strava.settings import StravaSettings


@dataclass(frozen=True)
class ServiceSecrets:
    token_keys: list[str]
    state_secret: str
    webhook_verify_token: str


def load_secrets(settings: StravaSettings) -> ServiceSecrets:
    configured = {
        "token_keys": settings.token_keys.get_secret_value(),
        "state_secret": settings.state_secret.get_secret_value(),
        "webhook_verify_token": settings.webhook_verify_token.get_secret_value(),
    }
    missing = [name for name, value in configured.items() if not value]
    if missing and settings.environment != "development":
        raise RuntimeError(f"RUNNERLY_STRAVA_{missing[0].upper()} is not set")
    if missing:
        generated = _development_secrets(settings.dev_secrets_file)
        configured = {name: value or generated[name] for name, value in configured.items()}
    keys = [key.strip() for key in configured["token_keys"].split(",") if key.strip()]
    return ServiceSecrets(keys, configured["state_secret"], configured["webhook_verify_token"])


def _development_secrets(path: Path) -> dict[str, str]:
    if path.exists():
        return json.loads(path.read_text())
    values = {
        "token_keys": Fernet.generate_key().decode(),
        "state_secret": secrets.token_urlsafe(32),
        "webhook_verify_token": secrets.token_urlsafe(16),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(values, file)
    return values


class TokenCipher:
    """Seals and opens Strava tokens; the first key encrypts, every key decrypts."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("at least one Fernet key is needed")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])

    def seal(self, token: str) -> str:
        return self._fernet.encrypt(token.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise ValueError("a stored Strava token cannot be decrypted with the configured keys") from None

    def reseal(self, sealed: str) -> str:
        """The same token under the newest key (for key rotation)."""
        return self._fernet.rotate(sealed.encode()).decode()
