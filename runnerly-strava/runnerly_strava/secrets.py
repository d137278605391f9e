"""Secrets of the service: Strava tokens encrypted at rest, and signing keys.

Tokens are sealed with Fernet (MultiFernet over ``RUNNERLY_STRAVA_TOKEN_KEYS``, newest key
first, so keys rotate without re-encrypting everything at once). Every secret comes from
the settings; in development the ``runnerly-strava`` command fills in missing ones before
the app starts (:mod:`runnerly_strava.devsecrets`), so the app never writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from runnerly_strava.settings import StravaSettings

SECRET_NAMES = ("token_keys", "state_secret", "webhook_verify_token", "webhook_path_secret")


@dataclass(frozen=True)
class ServiceSecrets:
    token_keys: list[str]
    state_secret: str
    webhook_verify_token: str
    webhook_path_secret: str


def load_secrets(settings: StravaSettings) -> ServiceSecrets:
    configured = {name: getattr(settings, name).get_secret_value() for name in SECRET_NAMES}
    missing = [name for name, value in configured.items() if not value]
    if missing:
        raise RuntimeError(
            f"RUNNERLY_STRAVA_{missing[0].upper()} is not set "
            "(in development, the runnerly-strava command generates it)"
        )
    keys = [key.strip() for key in configured.pop("token_keys").split(",") if key.strip()]
    return ServiceSecrets(token_keys=keys, **configured)


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
