"""``runnerly-dashboard consume-events``: forget the account of a runner deleted
elsewhere (by an operator through the data service), on this service's own queue."""

from __future__ import annotations

from flask import Flask

from runnerly_core import deletions, logs
from runnerly_core.brokers import broker_for
from runnerly_dashboard.accounts.deletion import forget_user
from runnerly_dashboard.extensions import db, init_extensions
from runnerly_dashboard.settings import SERVICE, DashboardSettings

QUEUE_NAME = "runnerly-dashboard.users-deleted"


def forget(user_id: int) -> int:
    with db.new_session() as session:
        removed = forget_user(session, user_id)
        session.commit()
        return removed


def consume(settings: DashboardSettings, queue_name: str = QUEUE_NAME) -> None:
    logs.configure_logging(SERVICE, settings.log_level, settings.log_json)
    init_extensions(Flask(SERVICE), settings)
    deletions.consume(
        broker_for(settings.broker_url),
        queue_name,
        forget,
        exchange_name=settings.events_exchange,
        heartbeat_file=settings.heartbeat_file,
    )
