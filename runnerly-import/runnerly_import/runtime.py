"""Everything a handler or a task needs besides its database session, built once per
process from the settings: the data service, events, and the way jobs are enqueued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kombu import Connection
from sqlalchemy.orm import Session

from runnerly_core.brokers import broker_for
from runnerly_core.dataservice import AUDIENCE, DataService
from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_core.outbox import Outbox
from runnerly_import.models import OutboxEvent
from runnerly_import.settings import ImportSettings

DATA_SCOPE = "runs:read runs:write"


class Jobs(Protocol):
    """How work is handed to the workers (Celery in production, a list in unit tests)."""

    def import_files(self, job_ids: list[int]) -> None: ...


@dataclass
class Runtime:
    settings: ImportSettings
    broker: str
    sessions: Callable[[], Session]
    data: DataService
    events: Outbox
    jobs: Jobs

    @classmethod
    def build(cls, settings: ImportSettings, sessions: Callable[[], Session], jobs: Jobs) -> Runtime:
        broker = broker_for(settings.broker_url)
        credentials = ClientCredentials(
            settings.token_url, settings.client_id, settings.client_secret.get_secret_value()
        )
        return cls(
            settings=settings,
            broker=broker,
            sessions=sessions,
            data=DataService(ServiceClient(settings.data_url, AUDIENCE, DATA_SCOPE, credentials)),
            events=Outbox(OutboxEvent, sessions, broker, exchange_name=settings.events_exchange),
            jobs=jobs,
        )

    def ping_broker(self) -> None:
        with Connection(self.broker, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
