"""Domain events on a RabbitMQ topic exchange, so services react without polling.

Contract (every publisher and consumer of the suite goes through this module):

- exchange ``runnerly.events`` (the ``events_exchange`` setting, read from
  ``RUNNERLY_EVENTS_EXCHANGE`` by every service alike; ``make test`` uses its own, so
  tests never feed a local suite's queues), type ``topic``, durable; messages
  persistent, JSON;
- routing key = event type, e.g. ``runs.changed``;
- body: ``event_id`` (uuid, for idempotent consumers), ``type``, ``occurred_at``
  (RFC 3339 UTC) and the event's own fields — for ``runs.changed``: ``user_id``,
  ``run_ids`` and ``kind`` (``created``, ``updated``, ``deleted`` or ``mixed``); for
  ``users.deleted``: ``user_id`` (every service forgets that runner).

Publishing waits for the broker's confirmation (publisher confirms), so an event the
caller believes sent is on the broker.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from kombu import Connection, Exchange, Queue, binding

DEFAULT_EXCHANGE = "runnerly.events"
RUNS_CHANGED = "runs.changed"
USERS_DELETED = "users.deleted"
RUN_CHANGE_KINDS = ("created", "updated", "deleted", "mixed")
RETRY_POLICY = {"max_retries": 5, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 3}


def connect(broker_url: str) -> Connection:
    """A kombu connection; on AMQP its publishes are confirmed by the broker.

    Other transports (kombu's SQLAlchemy one for ``make run`` without RabbitMQ) have no
    confirms and refuse the option.
    """
    return Connection(broker_url, transport_options=transport_options(broker_url))


def transport_options(broker_url: str) -> dict:
    return {"confirm_publish": True} if broker_url.startswith(("amqp", "pyamqp")) else {}


def event(event_type: str, **fields) -> dict:
    return {
        "event_id": uuid.uuid4().hex,
        "type": event_type,
        "occurred_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        **fields,
    }


def runs_changed(user_id: int, run_ids: list[int], kind: str) -> dict:
    if kind not in RUN_CHANGE_KINDS:
        raise ValueError(f"kind must be one of {RUN_CHANGE_KINDS}, not {kind!r}")
    return event(RUNS_CHANGED, user_id=user_id, run_ids=sorted(run_ids), kind=kind)


def users_deleted(user_id: int) -> dict:
    return event(USERS_DELETED, user_id=user_id)


def exchange(name: str) -> Exchange:
    """The suite's topic exchange called ``name`` (``settings.events_exchange``)."""
    return Exchange(name, type="topic", durable=True)


def publish(
    connection: Connection, body: dict, *, exchange_name: str, retry_policy: dict | None = None
) -> None:
    """Publish ``body`` (from :func:`event`) under its type; retried on connection loss."""
    target = exchange(exchange_name)
    with connection.Producer() as producer:
        producer.publish(
            body,
            exchange=target,
            routing_key=body["type"],
            serializer="json",
            delivery_mode=2,
            declare=[target],
            retry=True,
            retry_policy=retry_policy or RETRY_POLICY,
            message_id=body["event_id"],
        )


def durable_queue(name: str, *event_types: str, exchange_name: str) -> Queue:
    """A consumer's own durable queue bound to the event types it reacts to."""
    source = exchange(exchange_name)
    return Queue(
        name,
        exchange=source,
        durable=True,
        bindings=[binding(source, routing_key=event_type) for event_type in event_types],
    )
