"""Everything a handler or a task needs besides its database session, built once per
process from the settings: the data service, events, and the way jobs are enqueued."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from runnerly_core import brokers
from runnerly_core.dataservice import DataService
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
        broker = brokers.broker_for(settings.broker_url)
        return cls(
            settings=settings,
            broker=broker,
            sessions=sessions,
            data=DataService.of(settings, DATA_SCOPE),
            events=Outbox(OutboxEvent, sessions, broker, exchange_name=settings.events_exchange),
            jobs=jobs,
        )

    def ping_broker(self) -> None:
        brokers.ping(self.broker)
