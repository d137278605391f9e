"""Settings of the Strava service and its workers, read from ``RUNNERLY_STRAVA_*`` variables.

Two sets of client credentials live here and must not be confused:

- ``RUNNERLY_STRAVA_CLIENT_ID`` / ``RUNNERLY_STRAVA_CLIENT_SECRET``: this service's
  *Strava API application* (strava.com/settings/api, or the sandbox's);
- ``RUNNERLY_STRAVA_SUITE_CLIENT_ID`` / ``RUNNERLY_STRAVA_SUITE_CLIENT_SECRET``: its client of
  the suite's *token dealer*, for calling the data service.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from runnerly_core.settings import ClientSettings

SERVICE = "runnerly-strava"
SANDBOX_URL = "http://localhost:5090"


def _alias(default, variable: str, name: str | None = None):
    """A field read from ``RUNNERLY_STRAVA_<variable>``, or passed as ``name`` in Python."""
    keyword = name or variable.lower()
    return Field(default, validation_alias=AliasChoices(f"RUNNERLY_STRAVA_{variable}", keyword))


class StravaSettings(ClientSettings):
    model_config = SettingsConfigDict(env_prefix="RUNNERLY_STRAVA_", extra="ignore")

    database_url: str = "sqlite:///runnerly-strava.sqlite"
    # Empty: the local RabbitMQ when one answers, else a SQLite-backed kombu transport.
    broker_url: str = ""
    # Celery queues are "<queue_prefix>.sync" and "<queue_prefix>.details".
    queue_prefix: str = "strava"

    # The suite's token dealer client: ClientSettings' fields under unmistakable names, in
    # the environment and in Python (suite_client_id=...). Only the aliases are read, so
    # RUNNERLY_STRAVA_CLIENT_SECRET can never be taken for the suite's secret.
    client_id: str = _alias("", "SUITE_CLIENT_ID")
    client_secret: SecretStr = _alias(SecretStr(""), "SUITE_CLIENT_SECRET")
    client_secret_file: Path | None = _alias(None, "SUITE_CLIENT_SECRET_FILE")
    data_url: str = "http://localhost:5002"

    # Strava (or the sandbox, the default).
    strava_client_id: str = _alias("12345", "CLIENT_ID", "strava_client_id")
    strava_client_secret: SecretStr = _alias(SecretStr(""), "CLIENT_SECRET", "strava_client_secret")
    api_url: str = f"{SANDBOX_URL}/api/v3"
    oauth_url: str = f"{SANDBOX_URL}/oauth"
    # Where a runner's browser reaches oauth_url, when this service reaches it by another name.
    oauth_public_url: str = ""
    redirect_uri: str = "http://localhost:5000/strava/callback"

    # Secrets; in development a missing one is generated into dev_secrets_file.
    token_keys: SecretStr = SecretStr("")  # Fernet keys, comma-separated, newest first
    state_secret: SecretStr = SecretStr("")
    webhook_verify_token: SecretStr = SecretStr("")
    dev_secrets_file: Path = Path(".run/strava-dev-secrets.json")
    state_max_age_seconds: Annotated[int, Field(gt=0)] = 600

    # When set, webhook events must carry this subscription id (else the stored one).
    webhook_subscription_id: int | None = None
    fetch_details: bool = True
    # Share of each rate window that detail fetches may use; the rest stays for summaries.
    details_budget_share: Annotated[float, Field(gt=0, le=1)] = 0.5
    # Requests kept back in every window for other workers' calls already under way.
    budget_margin: Annotated[int, Field(ge=0)] = 3
    refresh_margin_seconds: Annotated[int, Field(ge=0)] = 600
    incremental_sync_minutes: Annotated[int, Field(gt=0)] = 60
    sweep_minutes: Annotated[int, Field(gt=0)] = 5
    # Backoff (seconds) for network errors, 5xx answers and 429s that the headers don't explain.
    retry_backoff_seconds: Annotated[float, Field(gt=0)] = 5.0
    max_transient_retries: Annotated[int, Field(ge=0)] = 8
    task_time_limit_seconds: Annotated[int, Field(gt=0)] = 300

    @model_validator(mode="after")
    def _read_suite_secret_file(self) -> StravaSettings:
        """Docker secrets, or the token dealer's ``--secret-file``."""
        if self.client_secret_file and not self.client_secret.get_secret_value():
            self.client_secret = SecretStr(self.client_secret_file.read_text().strip())
        return self

    @model_validator(mode="after")
    def _require_secrets_outside_development(self) -> StravaSettings:
        if self.environment == "production":
            for name in ("token_keys", "state_secret", "webhook_verify_token", "strava_client_secret"):
                if not getattr(self, name).get_secret_value():
                    raise ValueError(f"{name} must be set in production")
        return self

    @property
    def sync_queue(self) -> str:
        return f"{self.queue_prefix}.sync"

    @property
    def details_queue(self) -> str:
        return f"{self.queue_prefix}.details"
