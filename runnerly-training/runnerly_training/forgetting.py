"""``runnerly-training forget-users``: the ``users.deleted`` consumer that drops a deleted
runner's caches (fitness and load snapshot, run splits, applied events), on this
service's own durable queue."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import delete
from sqlalchemy.orm import Session

from runnerly_core import deletions, logs
from runnerly_training.extensions import db, init_extensions
from runnerly_training.settings import SERVICE, TrainingSettings
from runnerly_training.snapshots.models import ProcessedEvent, RunSplits, TrainingSnapshot

QUEUE_NAME = "runnerly-training.users-deleted"
PER_USER = (TrainingSnapshot, RunSplits, ProcessedEvent)


def forget_user(session: Session, user_id: int) -> int:
    """Deletes every cached row of ``user_id``; returns how many."""
    removed = sum(
        session.execute(delete(model).where(model.user_id == user_id)).rowcount for model in PER_USER
    )
    session.commit()
    return removed


def forget(user_id: int) -> int:
    with db.new_session() as session:
        return forget_user(session, user_id)


def consume(settings: TrainingSettings, queue_name: str = QUEUE_NAME) -> None:
    logs.configure_logging(SERVICE, settings.log_level, settings.log_json)
    init_extensions(Flask(SERVICE), settings)
    deletions.consume(
        settings.broker_url,
        queue_name,
        forget,
        exchange_name=settings.events_exchange,
        heartbeat_file=settings.heartbeat_file,
    )
