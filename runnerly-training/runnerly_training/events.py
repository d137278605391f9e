"""The ``runs.changed`` consumer behind ``runnerly-training consume-events``.

The service's own durable queue, bound to ``runs.changed`` on the suite's topic exchange,
keeps the events published while no consumer runs. Messages are taken one at a time and
acknowledged once their work is committed (``snapshots.invalidation``). No message is
requeued forever:

- one that cannot be read (not JSON, not a ``runs.changed``, fields missing) is logged and
  rejected at once;
- one whose handling fails is retried once and rejected if it fails again, since the
  failure comes from the message's content;
- while the cache database does not answer, the message is put back after a pause: the
  message is fine and will be applied once the database is back.

The queue has no dead-letter exchange, so a rejected message is dropped after its log
line; the runner's cache is recomputed anyway on their next event or the next day.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from kombu import Connection
from kombu.mixins import ConsumerMixin
from sqlalchemy.exc import InterfaceError, OperationalError

from runnerly_core import events, logs, metrics
from runnerly_core.brokers import broker_for
from runnerly_core.heartbeat import BeatingConsumer, Heartbeat
from runnerly_core.together import stop_on_sigterm
from runnerly_training.extensions import data_service, db, init_extensions
from runnerly_training.settings import SERVICE, TrainingSettings
from runnerly_training.snapshots.invalidation import Outcome, apply_runs_changed

log = logging.getLogger(__name__)

QUEUE_NAME = "runnerly-training.runs-changed"
EVENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DATABASE_DOWN_PAUSE_S = 5.0
DATABASE_DOWN = (OperationalError, InterfaceError)


class PoisonMessage(ValueError):
    """A message no retry can make readable."""


@dataclass(frozen=True)
class RunsChanged:
    """The fields of a ``runs.changed`` event this service acts on."""

    event_id: str
    user_id: int
    # The request or task that caused the event (else the event's id): logged under.
    request_id: str

    @classmethod
    def parse(cls, body: object) -> RunsChanged:
        if not isinstance(body, dict):
            raise PoisonMessage("the body is not a JSON object")
        if body.get("type") != events.RUNS_CHANGED:
            raise PoisonMessage(f"type is {body.get('type')!r}, not {events.RUNS_CHANGED!r}")
        event_id, user_id = body.get("event_id"), body.get("user_id")
        if not isinstance(event_id, str) or not EVENT_ID.match(event_id):
            raise PoisonMessage(f"event_id {event_id!r} is not an event id")
        if type(user_id) is not int or user_id < 1:
            raise PoisonMessage(f"user_id {user_id!r} is not a user id")
        return cls(event_id, user_id, events.request_id_of(body) or event_id)


Handler = Callable[[RunsChanged], Outcome]


class RunsChangedConsumer(BeatingConsumer, ConsumerMixin):
    """kombu's consumer loop (reconnection included) around :meth:`on_message`, beating
    ``heartbeat_file`` on each pass."""

    def __init__(
        self,
        connection: Connection,
        handle: Handler,
        *,
        exchange_name: str,
        queue_name: str = QUEUE_NAME,
        heartbeat_file: str | None = None,
    ) -> None:
        self.connection = connection
        self.handle = handle
        self.heartbeat = Heartbeat(heartbeat_file)
        self.queue = events.durable_queue(queue_name, events.RUNS_CHANGED, exchange_name=exchange_name)

    def get_consumers(self, Consumer, channel):
        return [Consumer(queues=[self.queue], callbacks=[self.on_message], accept=["json"], prefetch_count=1)]

    def on_message(self, body, message) -> None:
        try:
            event = RunsChanged.parse(body)
        except PoisonMessage as error:
            log.error("rejected an unreadable runs.changed message: %s", error)
            _count("rejected")
            message.reject()
            return
        with logs.request_id_bound(event.request_id):
            self._handle(event, message)

    def _handle(self, event: RunsChanged, message) -> None:
        try:
            outcome = self.handle(event)
        except DATABASE_DOWN:
            log.exception("the cache database does not answer; event %s goes back", event.event_id)
            time.sleep(DATABASE_DOWN_PAUSE_S)
            message.requeue()
            return
        except Exception:  # noqa: BLE001 — any other failure: once more, then give up
            self._retry_once(message, event)
            return
        log.info("event %s for user %s: %s", event.event_id, event.user_id, outcome)
        _count(str(outcome))
        message.ack()

    def on_decode_error(self, message, exc) -> None:
        log.error("rejected an undecodable message (%s): %s", message.content_type, exc)
        message.reject()

    @staticmethod
    def _retry_once(message, event: RunsChanged) -> None:
        if message.delivery_info.get("redelivered"):
            log.exception("event %s failed twice; rejected", event.event_id)
            message.reject()
        else:
            log.exception("event %s failed; it will be retried once", event.event_id)
            message.requeue()


def _count(outcome: str) -> None:
    events.HANDLED.labels(SERVICE, events.RUNS_CHANGED, outcome).inc()


def apply_event(event: RunsChanged) -> Outcome:
    """Apply one event in a session of its own (the consumer has bound the request id that
    caused it, so the data service's log lines for this work carry it too)."""
    with db.new_session() as session:
        return apply_runs_changed(session, data_service, event.event_id, event.user_id)


def consume(settings: TrainingSettings, queue_name: str = QUEUE_NAME) -> None:
    """Consume until stopped; SIGTERM lets the message in hand finish first."""
    logs.configure_logging(SERVICE, settings.log_level, settings.log_json)
    if settings.worker_metrics_port:
        metrics.serve_in_thread(settings.worker_metrics_port)
    init_extensions(Flask(SERVICE), settings)
    with events.connect(broker_for(settings.broker_url)) as connection:
        consumer = RunsChangedConsumer(
            connection,
            apply_event,
            exchange_name=settings.events_exchange,
            queue_name=queue_name,
            heartbeat_file=settings.heartbeat_file,
        )
        stop_on_sigterm(consumer)
        log.info("consuming %s from %s", events.RUNS_CHANGED, queue_name)
        consumer.run()
