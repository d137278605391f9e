"""Broker URLs: what to use when none is configured, and what each transport accepts."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"


def broker_for(configured: str) -> str:
    """What the app and the workers use: the configured broker, else the local RabbitMQ."""
    return configured or LOCAL_RABBITMQ


def choose_broker(configured: str) -> str:
    """The configured broker; else the local RabbitMQ when one answers; else a SQLite file
    (kombu's SQLAlchemy transport), so that ``make run`` works on a bare machine. Only the
    command line decides this (:mod:`runnerly_strava.devsecrets`), never the app."""
    if configured:
        return configured
    if _answers(LOCAL_RABBITMQ):
        return LOCAL_RABBITMQ
    path = Path(".run/strava-broker.sqlite").resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqla+sqlite:///{path}"


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 5672), timeout=0.3):
            return True
    except OSError:
        return False
