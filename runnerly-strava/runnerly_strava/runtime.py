"""Everything a handler or a task needs besides its database session, built once per
process from the settings: Strava clients, the shared budget, the data service, events,
the token cipher and the way jobs are enqueued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy.orm import Session

from runnerly_core import brokers
from runnerly_core.dataservice import DataService
from runnerly_core.outbox import Outbox
from runnerly_strava.secrets import TokenCipher, load_secrets
from runnerly_strava.settings import StravaSettings
from runnerly_strava.strava.client import StravaApi
from runnerly_strava.strava.oauth import StravaOAuth
from runnerly_strava.sync.budget import RateBudget
from runnerly_strava.sync.models import OutboxEvent

DATA_SCOPE = "runs:read runs:write users:read"


class Jobs(Protocol):
    """How work is handed to the workers (Celery in production, a list in unit tests)."""

    def backfill(self, user_id: int, before: int | None) -> None: ...
    def details(self, activity_ids: list[int]) -> None: ...
    def webhook_event(self, event_id: int) -> None: ...
    def incremental(self, user_id: int) -> None: ...


@dataclass
class Runtime:
    settings: StravaSettings
    broker: str
    sessions: Callable[[], Session]
    cipher: TokenCipher
    states: URLSafeTimedSerializer
    webhook_verify_token: str
    webhook_path_secret: str
    oauth: StravaOAuth
    api: StravaApi
    budget: RateBudget
    data: DataService
    events: Outbox
    jobs: Jobs

    @classmethod
    def build(cls, settings: StravaSettings, sessions: Callable[[], Session], jobs: Jobs) -> Runtime:
        secrets = load_secrets(settings)
        broker = brokers.broker_for(settings.broker_url)
        return cls(
            settings=settings,
            broker=broker,
            sessions=sessions,
            cipher=TokenCipher(secrets.token_keys),
            states=URLSafeTimedSerializer(secrets.state_secret, salt="runnerly-strava-link"),
            webhook_verify_token=secrets.webhook_verify_token,
            webhook_path_secret=secrets.webhook_path_secret,
            oauth=StravaOAuth(
                settings.oauth_url,
                settings.strava_client_id,
                settings.strava_client_secret.get_secret_value(),
                public_url=settings.oauth_public_url,
            ),
            api=StravaApi(settings.api_url),
            budget=RateBudget(
                sessions,
                details_share=settings.details_budget_share,
                margin=settings.budget_margin,
                backoff_seconds=settings.retry_backoff_seconds,
            ),
            data=DataService.of(settings, DATA_SCOPE),
            events=Outbox(OutboxEvent, sessions, broker, exchange_name=settings.events_exchange),
            jobs=jobs,
        )

    def ping_broker(self) -> None:
        brokers.ping(self.broker)
