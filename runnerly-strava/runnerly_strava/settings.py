"""Settings of the Strava service and its workers, read from ``RUNNERLY_STRAVA_*`` variables.

Two sets of client credentials live here and must not be confused:

- ``RUNNERLY_STRAVA_CLIENT_ID`` / ``RUNNERLY_STRAVA_CLIENT_SECRET``: this service's
  *Strava API application* (strava.com/settings/api, or the sandbox's);
- ``RUNNERLY_STRAVA_SUITE_CLIENT_ID`` / ``RUNNERLY_STRAVA_SUITE_CLIENT_SECRET``: its client of
  the suite's *token dealer*, for calling the data service.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, ClassVar

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
    # Strava issues its application's secret; ours are checked for strength in production
    # (runnerly_core.settings), after any *_FILE is read.
    issued_elsewhere: ClassVar[frozenset[str]] = frozenset({"strava_client_secret"})

    database_url: str = "sqlite:///runnerly-strava.sqlite"
    # Empty: the local RabbitMQ (runnerly_core.brokers); the runnerly-strava command line
    # alone falls back to a SQLite-backed kombu transport when none answers.
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
    strava_client_secret_file: Path | None = _alias(None, "CLIENT_SECRET_FILE", "strava_client_secret_file")
    api_url: str = f"{SANDBOX_URL}/api/v3"
    oauth_url: str = f"{SANDBOX_URL}/oauth"
    redirect_uri: str = "http://localhost:5000/strava/callback"

    # Secrets; in development the runnerly-strava command generates the missing ones into
    # dev_secrets_file (runnerly_strava.devsecrets), never the app itself.
    token_keys: SecretStr = SecretStr("")  # Fernet keys, comma-separated, newest first
    state_secret: SecretStr = SecretStr("")
    webhook_verify_token: SecretStr = SecretStr("")
    # The callback URL's last segment (/webhook/<secret>): Strava signs no event, so only
    # who knows this URL can post one. One per deployment.
    webhook_path_secret: SecretStr = SecretStr("")
    # Each secret may come from a file instead (compose secrets): RUNNERLY_STRAVA_<NAME>_FILE.
    token_keys_file: Path | None = None
    state_secret_file: Path | None = None
    webhook_verify_token_file: Path | None = None
    webhook_path_secret_file: Path | None = None
    dev_secrets_file: Path = Path(".run/strava-dev-secrets.json")
    state_max_age_seconds: Annotated[int, Field(gt=0)] = 600

    # When set, webhook events must carry this subscription id (else the stored one).
    webhook_subscription_id: int | None = None
    # Webhook events of one athlete that may call Strava in a minute; the rest wait for the
    # sweep, so a flood of forged events cannot spend the shared budget.
    webhook_events_per_athlete_minute: Annotated[int, Field(ge=1, le=100)] = 10
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
    def _refuse_a_guessable_webhook_path(self) -> StravaSettings:
        secret = self.webhook_path_secret.get_secret_value()
        if self.environment != "development" and secret:
            problem = webhook_path_secret_problem(secret)
            if problem:
                raise ValueError(f"webhook_path_secret {problem}; {HOW_TO_MAKE_ONE}")
        return self

    @property
    def sync_queue(self) -> str:
        return f"{self.queue_prefix}.sync"

    @property
    def details_queue(self) -> str:
        return f"{self.queue_prefix}.details"


HOW_TO_MAKE_ONE = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
MIN_PATH_SECRET_LENGTH = 32  # characters of token_urlsafe: at least 192 random bits
_URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_PLACEHOLDER_WORDS = ("change", "secret", "example", "placeholder", "password")


def webhook_path_secret_problem(secret: str) -> str | None:
    """Why ``secret`` cannot guard the webhook's URL, or None when it can."""
    if not _URL_SAFE.fullmatch(secret):
        return "must hold only letters, digits, '-' and '_' (it is a URL path segment)"
    if len(secret) < MIN_PATH_SECRET_LENGTH:
        return f"is shorter than {MIN_PATH_SECRET_LENGTH} characters"
    if len(set(secret)) < 10 or any(word in secret.lower() for word in _PLACEHOLDER_WORDS):
        return "looks like a placeholder, not a random value"
    return None
