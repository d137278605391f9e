"""Typed settings read from the environment, one prefix per service.

A service subclasses :class:`ServiceSettings` and sets its own ``env_prefix``
(``RUNNERLY_DATA_`` ...). Settings are validated when they are built, so a service refuses
to start with a placeholder secret anywhere but on a developer's machine.
"""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that people paste into .env files and forget; never acceptable in production.
PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "change_me", "secret", "password", "dev", "development", "xxx"}
)

Environment = Literal["development", "test", "production"]


class ServiceSettings(BaseSettings):
    """Settings every service has. Subclasses add their own and set ``env_prefix``."""

    model_config = SettingsConfigDict(env_prefix="RUNNERLY_", extra="ignore")

    environment: Environment = "development"
    log_level: str = "INFO"
    log_json: bool = True
    # Where tokens come from, and who they must be for.
    token_issuer: str = "http://localhost:5001"  # noqa: S105 — a URL, not a password
    jwks_url: str = "http://localhost:5001/.well-known/jwks.json"
    jwks_min_refresh_seconds: float = 10.0
    jwt_leeway_seconds: int = 30
    # Response validation costs time on every call: on in tests, off in production.
    validate_responses: bool = False
    # Threads between the ASGI server and Flask, per worker: 0 runs Flask on the event
    # loop's thread, one request at a time (short handlers; see runnerly_core.bridge).
    wsgi_threads: int = Field(default=0, ge=0, le=64)

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "ServiceSettings":
        if self.environment == "production":
            for name, value in self:
                if isinstance(value, SecretStr) and value.get_secret_value().lower() in (PLACEHOLDER_SECRETS):
                    raise ValueError(f"{name} is a placeholder secret; set a real one")
        return self


class ClientSettings(ServiceSettings):
    """Settings of a service that calls other services with client-credentials tokens.

    The secret comes from ``…_CLIENT_SECRET``, or from the file named by
    ``…_CLIENT_SECRET_FILE`` (Docker secrets, or the token dealer's ``--secret-file``).
    """

    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    client_secret_file: Path | None = None
    token_url: str = "http://localhost:5001/oauth/token"  # noqa: S105 — a URL, not a password

    @model_validator(mode="before")
    @classmethod
    def _read_secret_file(cls, values: dict) -> dict:
        path = values.get("client_secret_file")
        if path and not values.get("client_secret"):
            values = {**values, "client_secret": Path(path).read_text().strip()}
        return values
