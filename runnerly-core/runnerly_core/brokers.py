"""One policy for the broker of every service.

``broker_url`` is a setting of each service that uses a broker, empty unless configured.
A process that cannot work without a broker (Celery workers, the event consumer) and has
none configured uses the local RabbitMQ (:func:`broker_for`); a service for which the
broker is optional (the data service's announcements) stays without one. Only a command
line that starts a whole suite on a bare machine (``make run``) may go further and fall
back to a SQLite file when no RabbitMQ answers (:func:`choose_broker`).
"""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

from kombu import Connection

LOCAL_RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"


def broker_for(configured: str) -> str:
    """The configured broker, else the local RabbitMQ."""
    return configured or LOCAL_RABBITMQ


def choose_broker(configured: str, fallback: Path) -> str:
    """The configured broker; else the local RabbitMQ when one answers; else kombu's
    SQLAlchemy transport on the SQLite file ``fallback``."""
    if configured:
        return configured
    if rabbitmq_answers():
        return LOCAL_RABBITMQ
    fallback = fallback.resolve()
    fallback.parent.mkdir(parents=True, exist_ok=True)
    return f"sqla+sqlite:///{fallback}"


def rabbitmq_answers(url: str = LOCAL_RABBITMQ, timeout: float = 0.3) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 5672), timeout=timeout):
            return True
    except OSError:
        return False


def ping(url: str) -> None:
    """Raises unless the broker at ``url`` accepts a connection (a readiness check)."""
    with Connection(url, connect_timeout=2) as connection:
        connection.ensure_connection(max_retries=1)
