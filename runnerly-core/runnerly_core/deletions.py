"""The ``users.deleted`` consumer every service runs to forget a deleted runner.

Each service has its own durable queue bound to ``users.deleted``, so one that is down
catches up when it comes back. Forgetting must be idempotent (the same event can arrive
twice). No message is requeued forever:

- one that cannot be read (not a ``users.deleted``, no valid ``user_id``) is rejected;
- while the service's database does not answer, it goes back after a pause;
- any other failure is retried once, then rejected with its log line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kombu import Connection
from kombu.mixins import ConsumerMixin
from sqlalchemy.exc import InterfaceError, OperationalError

from runnerly_core import events, logs
from runnerly_core.heartbeat import BeatingConsumer, Heartbeat
from runnerly_core.together import stop_on_sigterm

log = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
DATABASE_DOWN_PAUSE_S = 5.0
Forget = Callable[[int], object]


def deleted_user_id(body: object) -> int | None:
    """The runner a ``users.deleted`` body names, or None when it is not one."""
    if not isinstance(body, dict) or body.get("type") != events.USERS_DELETED:
        return None
    user_id = body.get("user_id")
    return user_id if type(user_id) is int and user_id >= 1 else None


class UsersDeletedConsumer(BeatingConsumer, ConsumerMixin):
    """kombu's consumer loop (reconnection included) around :meth:`on_message`, beating
    ``heartbeat_file`` on each pass."""

    def __init__(
        self,
        connection: Connection,
        queue_name: str,
        forget: Forget,
        *,
        exchange_name: str,
        heartbeat_file: str | None = None,
    ) -> None:
        self.connection = connection
        self.forget = forget
        self.heartbeat = Heartbeat(heartbeat_file)
        self.queue = events.durable_queue(queue_name, events.USERS_DELETED, exchange_name=exchange_name)

    def get_consumers(self, Consumer, channel):
        return [Consumer(queues=[self.queue], callbacks=[self.on_message], accept=["json"], prefetch_count=1)]

    def on_message(self, body, message) -> None:
        user_id = deleted_user_id(body)
        if user_id is None:
            log.error("rejected a message that is no users.deleted: %.200r", body)
            message.reject()
            return
        # Under the id of the request that deleted the runner: one search finds every service's part.
        with logs.request_id_bound(events.request_id_of(body)):
            self._forget(user_id, message)

    def _forget(self, user_id: int, message) -> None:
        try:
            outcome = self.forget(user_id)
        except DATABASE_DOWN:
            log.exception("the database does not answer; users.deleted for %s goes back", user_id)
            time.sleep(DATABASE_DOWN_PAUSE_S)
            message.requeue()
            return
        except Exception:  # noqa: BLE001 — any other failure: once more, then give up
            self._retry_once(message, user_id)
            return
        log.info("forgot user %s: %s", user_id, outcome)
        message.ack()

    def on_decode_error(self, message, exc) -> None:
        log.error("rejected an undecodable message (%s): %s", message.content_type, exc)
        message.reject()

    @staticmethod
    def _retry_once(message, user_id: int) -> None:
        if message.delivery_info.get("redelivered"):
            log.exception("forgetting user %s failed twice; rejected", user_id)
            message.reject()
        else:
            log.exception("forgetting user %s failed; it will be retried once", user_id)
            message.requeue()


def consume(
    broker_url: str, queue_name: str, forget: Forget, *, exchange_name: str, heartbeat_file: str | None = None
) -> None:
    """Consume until stopped; SIGTERM lets the message in hand finish first."""
    with events.connect(broker_url) as connection:
        consumer = UsersDeletedConsumer(
            connection, queue_name, forget, exchange_name=exchange_name, heartbeat_file=heartbeat_file
        )
        stop_on_sigterm(consumer)
        log.info("consuming %s from %s", events.USERS_DELETED, queue_name)
        consumer.run()
