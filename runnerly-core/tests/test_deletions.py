"""The users.deleted consumer every service runs, on a real RabbitMQ: a service that was
down catches up from its durable queue; a message it cannot read is dropped, not looped."""

import threading
import uuid

import pytest

from runnerly_core import deletions, events
from runnerly_core.testing import TEST_EXCHANGE, broker_or_skip


@pytest.fixture
def connection():
    connection = broker_or_skip()
    yield connection
    connection.release()


def run_consumer(connection, queue_name: str, forget, until) -> None:
    consumer = deletions.UsersDeletedConsumer(connection, queue_name, forget, exchange_name=TEST_EXCHANGE)
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    until.wait(timeout=10)
    consumer.should_stop = True
    thread.join(timeout=10)


def test_a_consumer_started_late_forgets_the_runners_deleted_while_it_was_down(connection):
    queue_name = f"test-deletions-{uuid.uuid4().hex}"
    bound = events.durable_queue(queue_name, events.USERS_DELETED, exchange_name=TEST_EXCHANGE)(
        connection.default_channel
    )
    bound.declare()  # the service's queue exists; the service itself is down
    try:
        events.publish(connection, events.users_deleted(41), exchange_name=TEST_EXCHANGE)
        events.publish(
            connection,
            {"type": events.USERS_DELETED, "user_id": "not an id", "event_id": "x"},
            exchange_name=TEST_EXCHANGE,
        )
        events.publish(connection, events.users_deleted(42), exchange_name=TEST_EXCHANGE)
        forgotten, done = [], threading.Event()

        def forget(user_id: int) -> None:
            forgotten.append(user_id)
            if len(forgotten) == 2:
                done.set()

        run_consumer(connection, queue_name, forget, done)

        assert forgotten == [41, 42]
        assert bound.queue_declare(passive=True).message_count == 0  # the unreadable one dropped
    finally:
        bound.delete()


def test_a_failure_is_retried_once_then_dropped(connection):
    queue_name = f"test-deletions-{uuid.uuid4().hex}"
    bound = events.durable_queue(queue_name, events.USERS_DELETED, exchange_name=TEST_EXCHANGE)(
        connection.default_channel
    )
    bound.declare()
    try:
        events.publish(connection, events.users_deleted(43), exchange_name=TEST_EXCHANGE)
        attempts, done = [], threading.Event()

        def forget(user_id: int) -> None:
            attempts.append(user_id)
            if len(attempts) == 2:
                done.set()
            raise RuntimeError("this service cannot forget today")

        run_consumer(connection, queue_name, forget, done)

        assert attempts == [43, 43]
        assert bound.queue_declare(passive=True).message_count == 0
    finally:
        bound.delete()
