"""Domain events through an outbox: recorded in the transaction that makes the change,
published after it commits, and swept again by beat if the broker was away."""

from __future__ import annotations

from collections.abc import Callable

from kombu.pools import connections
from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core import events
from runnerly_strava.base import utcnow
from runnerly_strava.sync.models import OutboxEvent


def record_runs_changed(session: Session, user_id: int, changes: dict[str, list[int]]) -> None:
    """One ``runs.changed`` event for the runs this batch created, updated or deleted."""
    changed = {kind: ids for kind, ids in changes.items() if ids}
    if not changed:
        return
    kind = next(iter(changed)) if len(changed) == 1 else "mixed"
    run_ids = sorted({run_id for ids in changed.values() for run_id in ids})
    session.add(OutboxEvent(body=events.runs_changed(user_id, run_ids, kind)))


class EventPublisher:
    """Publishes pending outbox events on the suite's topic exchange (confirmed on RabbitMQ)."""

    def __init__(self, broker_url: str, sessions: Callable[[], Session]) -> None:
        self._connection = events.connect(broker_url)
        self._sessions = sessions

    def publish_pending(self, limit: int = 500) -> int:
        with self._sessions() as session:
            pending = session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.published_at.is_(None))
                .order_by(OutboxEvent.id)
                .limit(limit)
            ).all()
            for event in pending:
                self._publish(event.body)
                event.published_at = utcnow()
                session.commit()  # one at a time: a failure later leaves these published
            return len(pending)

    def _publish(self, body: dict) -> None:
        with connections[self._connection].acquire(block=True, timeout=10) as connection:
            events.publish(connection, body)
