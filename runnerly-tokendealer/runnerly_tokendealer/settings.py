"""Settings of the token dealer, read from ``RUNNERLY_TOKENDEALER_*`` variables.

The issuer is the inherited ``token_issuer`` (``RUNNERLY_TOKENDEALER_TOKEN_ISSUER``): the
``iss`` this server signs is the one every service is configured to expect.
"""

from datetime import timedelta
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from runnerly_core.local import local_database_url, run_directory
from runnerly_core.settings import ServiceSettings
from runnerly_tokendealer.clients.throttle import Limits

SERVICE = "runnerly-tokendealer"

DEFAULT_AUDIENCES = (
    "runnerly-data",
    "runnerly-strava",
    "runnerly-training",
    "runnerly-import",
    "runnerly-dashboard",
    SERVICE,
)
DEFAULT_USER_SCOPES = (
    "users:read",
    "users:write",
    "runs:read",
    "runs:write",
    "races:read",
    "races:write",
    "plans:read",
    "plans:write",
    # The training service reads a runner's fitness and load; the Strava service links them.
    "fitness:read",
    "load:read",
    "strava:link",
    "strava:read",
    # The import service takes a runner's files and shows their import jobs.
    "imports:write",
    "imports:read",
)


def _split_on_spaces(value):
    return tuple(value.split()) if isinstance(value, str) else value


# Lists are written the OAuth way in the environment: "runs:read runs:write".
SpaceSeparated = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_split_on_spaces)]


class TokenDealerSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RUNNERLY_TOKENDEALER_", extra="ignore")

    # make run's database (.run/tokendealer.sqlite), found from the root or a service folder.
    database_url: str = Field(default_factory=lambda: local_database_url("tokendealer"))
    # Private signing keys live here (files 0600), never in the repository; by default
    # make run's (.run/tokendealer).
    data_dir: Path = Field(default_factory=lambda: run_directory() / "tokendealer")
    audiences: SpaceSeparated = DEFAULT_AUDIENCES
    user_scopes: SpaceSeparated = DEFAULT_USER_SCOPES
    service_token_ttl_seconds: Annotated[int, Field(gt=0)] = 3600
    user_token_ttl_seconds: Annotated[int, Field(gt=0)] = 900
    jwks_max_age_seconds: Annotated[int, Field(ge=0)] = 300
    rsa_key_bits: Annotated[int, Field(ge=2048, le=4096, multiple_of=1024)] = 2048
    # The key of the client secret hashes; by default ``client-secret.key`` in DATA_DIR.
    client_secret_key_file: Path | None = None
    # Failed client authentications allowed per client name and per address in the window.
    client_failure_limit: Annotated[int, Field(gt=0)] = 10
    address_failure_limit: Annotated[int, Field(gt=0)] = 50
    failure_window_seconds: Annotated[int, Field(gt=0)] = 300

    @model_validator(mode="after")
    def _ttls_within_the_maximum(self) -> "TokenDealerSettings":
        # Services refuse tokens living longer than max_token_lifetime_seconds (same name).
        longest = max(self.service_token_ttl_seconds, self.user_token_ttl_seconds)
        if longest > self.max_token_lifetime_seconds:
            raise ValueError(
                f"token TTLs ({longest} s) exceed max_token_lifetime_seconds "
                f"({self.max_token_lifetime_seconds} s), which services enforce"
            )
        return self

    @property
    def key_retention(self) -> timedelta:
        """How long a retired key stays published: until the last token it signed expires,
        plus the clock leeway verifiers allow."""
        longest_ttl = max(self.service_token_ttl_seconds, self.user_token_ttl_seconds)
        return timedelta(seconds=longest_ttl + self.jwt_leeway_seconds)

    @property
    def key_directory(self) -> Path:
        return self.data_dir / "keys"

    @property
    def client_secret_key_path(self) -> Path:
        """The HMAC key of the client secret hashes (``clients.secrets``), made on first use."""
        return self.client_secret_key_file or self.data_dir / "client-secret.key"

    @property
    def failure_limits(self) -> Limits:
        return Limits(
            self.client_failure_limit,
            self.address_failure_limit,
            timedelta(seconds=self.failure_window_seconds),
        )
