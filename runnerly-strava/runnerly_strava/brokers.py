"""Broker URLs: runnerly-core's choice, with this service's local fallback file."""

from __future__ import annotations

from runnerly_core.brokers import LOCAL_RABBITMQ
from runnerly_core.brokers import choose_broker as _choose_broker

__all__ = ["LOCAL_RABBITMQ", "choose_broker"]


def choose_broker(configured: str) -> str:
    """The configured broker; else the local RabbitMQ when one answers; else a SQLite file
    (kombu's SQLAlchemy transport), so that ``make run`` works on a bare machine."""
    return _choose_broker(configured, ".run/strava-broker.sqlite")
