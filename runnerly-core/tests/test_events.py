"""Domain events through a real RabbitMQ (RUNNERLY_TEST_BROKER_URL, or the local default)."""

import uuid

import pytest
from kombu import Consumer

from runnerly_core import events
from runnerly_core.testing import TEST_EXCHANGE, broker_or_skip


@pytest.fixture
def connection():
    connection = broker_or_skip()
    yield connection
    connection.release()


def test_a_published_event_reaches_a_bound_durable_queue(connection):
    queue = events.durable_queue(f"test-{uuid.uuid4().hex}", events.RUNS_CHANGED, exchange_name=TEST_EXCHANGE)
    bound = queue(connection.default_channel)
    bound.declare()
    try:
        body = events.runs_changed(7, [3, 1, 2], "created")
        events.publish(connection, body, exchange_name=TEST_EXCHANGE)
        received = []
        with Consumer(connection, queues=[queue], callbacks=[lambda b, m: (received.append(b), m.ack())]):
            connection.drain_events(timeout=5)
        assert received == [body]
        assert received[0]["run_ids"] == [1, 2, 3]
    finally:
        bound.delete()


def test_an_unknown_change_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        events.runs_changed(1, [], "renamed")
