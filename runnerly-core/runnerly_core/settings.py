"""Typed settings read from the environment, one prefix per service.

A service subclasses :class:`ServiceSettings` and sets its own ``env_prefix``
(``RUNNERLY_DATA_`` ...). Settings are validated when they are built: in production a
service refuses to start with a secret that is missing, a placeholder, or weaker than 32
random bytes.

Every secret ``<name>`` may instead come from the file named by ``<name>_file`` (Docker
secrets, or the token dealer's ``--secret-file``); files are read before any check.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that people paste into .env files and forget; never acceptable in production.
PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "change_me", "secret", "password", "dev", "development", "xxx"}
)
# secrets.token_urlsafe(32): 32 random bytes are 43 characters once encoded.
MIN_SECRET_CHARACTERS = 43
# What the spread of characters must at least suggest; a random 43-character token
# carries about 200 bits by this estimate, a repeated or patterned one far fewer.
MIN_ESTIMATED_BITS = 128
HOW_TO_MAKE_ONE = 'make one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'

Environment = Literal["development", "test", "production"]


class ServiceSettings(BaseSettings):
    """Settings every service has. Subclasses add their own and set ``env_prefix``."""

    model_config = SettingsConfigDict(env_prefix="RUNNERLY_", extra="ignore")

    # Secrets that another party issues (a Strava application's secret): their strength
    # is not ours to choose, so they are only refused when empty or a placeholder.
    issued_elsewhere: ClassVar[frozenset[str]] = frozenset()

    environment: Environment = "development"
    log_level: str = "INFO"
    log_json: bool = True
    # Where tokens come from, and who they must be for.
    token_issuer: str = "http://localhost:5001"  # noqa: S105 — a URL, not a password
    jwks_url: str = "http://localhost:5001/.well-known/jwks.json"
    jwks_min_refresh_seconds: float = 10.0
    # Keys the dealer stops publishing (revoked, expired) are dropped within this time.
    jwks_refresh_seconds: Annotated[float, Field(gt=0)] = 300.0
    # The longest lifetime (exp - iat) the dealer issues; a longer-lived token is refused.
    # The dealer reads the same name and refuses TTLs above it.
    max_token_lifetime_seconds: Annotated[int, Field(gt=0)] = 3600
    jwt_leeway_seconds: int = 30
    # Response validation costs time on every call: on in tests, off in production.
    validate_responses: bool = False
    # Connexion checks the spec against the OpenAPI schema when the app is built: 13-96 ms
    # of every start. `serve` turns it off (every service's tests build the app with it on).
    validate_spec: bool = True
    # Threads between the ASGI server and Flask, per worker: 0 runs Flask on the event
    # loop's thread, one request at a time (short handlers; see runnerly_core.bridge).
    wsgi_threads: int = Field(default=0, ge=0, le=64)
    # The topic exchange of the suite's domain events: one name for every service of a
    # suite, so one variable without a service prefix.
    events_exchange: str = Field(
        "runnerly.events", validation_alias=AliasChoices("RUNNERLY_EVENTS_EXCHANGE", "events_exchange")
    )
    # Port of the /metrics of a process that serves no HTTP (Celery workers); 0: none.
    worker_metrics_port: int = 0
    # The file a worker, beat or event consumer touches while its loop turns, for
    # `runnerly-health heartbeat` (runnerly_core.heartbeat); unset: none. A setting of the
    # process rather than of the service, so one variable without a service prefix.
    heartbeat_file: str | None = Field(
        None, validation_alias=AliasChoices("RUNNERLY_HEARTBEAT_FILE", "heartbeat_file")
    )

    @model_validator(mode="after")
    def _secrets(self) -> ServiceSettings:
        """One validator, so that files are read before the check sees an empty secret."""
        self._read_secret_files()
        if self.environment == "production":
            self._refuse_weak_secrets()
        return self

    def _read_secret_files(self) -> None:
        for name, value in list(self):
            path = getattr(self, f"{name}_file", None)
            if isinstance(value, SecretStr) and path and not value.get_secret_value():
                setattr(self, name, SecretStr(Path(path).read_text().strip()))

    def _refuse_weak_secrets(self) -> None:
        for name, value in self:
            if isinstance(value, SecretStr):
                problem = secret_problem(
                    value.get_secret_value(), issued_elsewhere=name in self.issued_elsewhere
                )
                if problem:
                    raise ValueError(f"{name} {problem}")


def secret_problem(value: str, *, issued_elsewhere: bool = False) -> str | None:
    """Why ``value`` cannot serve as a production secret, or None when it can."""
    if value.strip().lower() in PLACEHOLDER_SECRETS:
        return f"is a placeholder secret or empty; set a real one ({HOW_TO_MAKE_ONE})"
    if issued_elsewhere:
        return None
    if len(value) < MIN_SECRET_CHARACTERS:
        return f"is shorter than 32 random bytes ({len(value)} characters); {HOW_TO_MAKE_ONE}"
    if estimated_bits(value) < MIN_ESTIMATED_BITS:
        return f"does not look random (too few distinct characters); {HOW_TO_MAKE_ONE}"
    return None


def estimated_bits(value: str) -> float:
    """Shannon entropy of the characters, times the length: a rough upper bound of the
    randomness, enough to catch 'aaaa…' or 'abcabc…' padded to length."""
    counts = Counter(value).values()
    per_character = -sum(n / len(value) * math.log2(n / len(value)) for n in counts)
    return per_character * len(value)


class ClientSettings(ServiceSettings):
    """Settings of a service that calls other services with client-credentials tokens.

    The secret comes from ``…_CLIENT_SECRET``, or from the file named by
    ``…_CLIENT_SECRET_FILE``.
    """

    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    client_secret_file: Path | None = None
    token_url: str = "http://localhost:5001/oauth/token"  # noqa: S105 — a URL, not a password
