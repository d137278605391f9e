"""Settings of the token dealer, read from ``RUNNERLY_TOKENDEALER_*`` variables.

The issuer is the inherited ``token_issuer`` (``RUNNERLY_TOKENDEALER_TOKEN_ISSUER``): the
``iss`` this server signs is the one every service is configured to expect.
"""

from datetime import timedelta
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field
from pydantic_settings import NoDecode, SettingsConfigDict

from runnerly_core.settings import ServiceSettings

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

    database_url: str = "sqlite:///runnerly-tokendealer.sqlite"
    # Private signing keys live here (files 0600), never in the repository.
    data_dir: Path = Path(".run/tokendealer")
    audiences: SpaceSeparated = DEFAULT_AUDIENCES
    user_scopes: SpaceSeparated = DEFAULT_USER_SCOPES
    service_token_ttl_seconds: Annotated[int, Field(gt=0)] = 3600
    user_token_ttl_seconds: Annotated[int, Field(gt=0)] = 900
    jwks_max_age_seconds: Annotated[int, Field(ge=0)] = 300
    rsa_key_bits: Annotated[int, Field(ge=2048, le=4096, multiple_of=1024)] = 2048

    @property
    def key_retention(self) -> timedelta:
        """How long a retired key stays published: until the last token it signed expires,
        plus the clock leeway verifiers allow."""
        longest_ttl = max(self.service_token_ttl_seconds, self.user_token_ttl_seconds)
        return timedelta(seconds=longest_ttl + self.jwt_leeway_seconds)

    @property
    def key_directory(self) -> Path:
        return self.data_dir / "keys"
