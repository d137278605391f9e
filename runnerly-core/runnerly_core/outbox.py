"""Domain events through a transactional outbox.

An event is a row added in the transaction that makes the change it announces, so the
change and its announcement commit together or not at all. After the commit the pending
rows are published on the suite's exchange (:mod:`runnerly_core.events`, confirmed on
RabbitMQ) and marked; whatever a broker outage or a crash leaves pending is published by
the next call, from any process of the service. Consumers may see an event twice (a crash
between the broker's confirmation and the mark) and recognise it by its ``event_id``.

Published rows are kept for a while, for an operator asking what was announced when, then
deleted by the publisher itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from kombu.pools import connections
from sqlalchemy import delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from runnerly_core import events
from runnerly_core.orm import JsonDocument, UtcDateTime, utcnow

RETENTION = timedelta(days=7)
# A web request should not wait long for a broker that is away: its events stay pending.
IMPATIENT = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


class OutboxEventMixin:
    """The outbox table's columns; each service declares ``class OutboxEvent(OutboxEventMixin, Base)``."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[dict] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class Outbox:
    """Records events in the caller's transaction; publishes them once it has committed.

    Without a broker URL the outbox is off: nothing is recorded, nothing is published.
    """

    def __init__(
        self,
        model: type[OutboxEventMixin],
        sessions: Callable[[], Session],
        broker_url: str | None,
        *,
        exchange_name: str,
        retry_policy: dict | None = None,
        retention: timedelta = RETENTION,
    ) -> None:
        self._model, self._sessions = model, sessions
        self._connection = events.connect(broker_url) if broker_url else None
        self._retry_policy, self._retention = retry_policy, retention
        self._exchange_name = exchange_name

    @property
    def enabled(self) -> bool:
        return self._connection is not None

    def record(self, session: Session, body: dict) -> None:
        """Adds the event to ``session``'s transaction (the caller commits)."""
        if self.enabled:
            session.add(self._model(body=body))

    def publish_pending(self, limit: int = 500) -> int:
        """Publishes the oldest pending events; raises if the broker fails, keeping what was
        published before the failure marked."""
        if not self.enabled:
            return 0
        with self._sessions() as session:
            pending = self._lock_pending(session, limit)
            try:
                for event in pending:
                    self._publish(event.body)
                    event.published_at = utcnow()
            finally:
                self._prune(session)
                session.commit()
            return len(pending)

    def _lock_pending(self, session: Session, limit: int) -> list:
        # SKIP LOCKED (PostgreSQL): two publishers at once share the work rather than
        # publishing the same rows twice. SQLite has one writer anyway.
        model = self._model
        query = (
            select(model)
            .where(model.published_at.is_(None))
            .order_by(model.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(session.scalars(query))

    def _publish(self, body: dict) -> None:
        with connections[self._connection].acquire(block=True, timeout=10) as connection:
            events.publish(
                connection, body, exchange_name=self._exchange_name, retry_policy=self._retry_policy
            )

    def _prune(self, session: Session) -> None:
        model = self._model
        session.execute(delete(model).where(model.published_at < utcnow() - self._retention))
