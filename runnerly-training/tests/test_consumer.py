"""The runs.changed consumer against a real RabbitMQ (RUNNERLY_TEST_BROKER_URL, or the local
default); without one the tests are skipped, except in CI where that fails the run."""

import contextlib
import logging
import uuid
from urllib.parse import urlsplit

import pytest

from runnerly_core import events
from runnerly_core.testing import TEST_BROKER_URL, TEST_EXCHANGE, broker_or_skip
from runnerly_training.events import QUEUE_NAME, RunsChangedConsumer, apply_event
from runnerly_training.snapshots.models import TrainingSnapshot

BROKER = TEST_BROKER_URL


@pytest.fixture
def broker():
    connection = broker_or_skip(BROKER)
    yield connection
    connection.release()


class Recording:
    """A handler that notes the event ids it handled. Other suites on the same broker may
    publish runs.changed too, and every queue bound to it gets them: tests look only at
    their own events."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.handled: list[str] = []

    def __call__(self, event):
        self.handled.append(event.event_id)
        return self.handle(event)


def consumer_of(broker, handle):
    """A consumer on a queue of its own, so that a running service's consumer keeps its."""
    consumer = RunsChangedConsumer(
        broker,
        Recording(handle),
        exchange_name=TEST_EXCHANGE,
        queue_name=f"{QUEUE_NAME}.test-{uuid.uuid4().hex}",
    )
    consumer.queue(broker.default_channel).declare()
    return consumer


@pytest.fixture
def consumer(broker, connexion_app):
    consumer = consumer_of(broker, apply_event)
    yield consumer
    consumer.queue(broker.default_channel).delete()


def consume_until(consumer, done, seconds: float = 10) -> None:
    """Handle messages until ``done()``, then a second more, so that a message put back
    would show up again."""
    for _ in consumer.consume(timeout=seconds):
        if done():
            break
    with contextlib.suppress(TimeoutError):
        for _ in consumer.consume(timeout=1):
            pass


def test_the_service_queue_is_durable_and_bound_to_runs_changed(broker):
    queue = RunsChangedConsumer(broker, apply_event, exchange_name=TEST_EXCHANGE).queue
    assert (queue.name, queue.durable) == ("runnerly-training.runs-changed", True)
    assert [binding.routing_key for binding in queue.bindings] == ["runs.changed"]


def test_an_event_delivered_twice_refreshes_the_runner_s_cache_once(consumer, broker, runner, data, session):
    body = events.runs_changed(runner, [1, 2], "created")
    events.publish(broker, body, exchange_name=TEST_EXCHANGE)
    events.publish(
        broker, body, exchange_name=TEST_EXCHANGE
    )  # a publisher's retry, or a redelivery: the same event id
    consume_until(consumer, lambda: consumer.handle.handled.count(body["event_id"]) == 2)
    refreshes = [call for call in data.calls("GET", rf"^/users/{runner}$") if traced(call, body)]
    assert len(refreshes) == 1
    snapshot = session.get(TrainingSnapshot, runner)
    assert snapshot.computed_generation == snapshot.generation >= 1
    assert snapshot.fitness["vdot"] is not None
    assert consumer.handle.handled.count(body["event_id"]) == 2  # both acknowledged, none put back


def test_the_work_is_traced_with_the_event_id(consumer, broker, runner, data):
    body = events.runs_changed(runner, [1], "updated")
    events.publish(broker, body, exchange_name=TEST_EXCHANGE)
    consume_until(consumer, lambda: body["event_id"] in consumer.handle.handled)
    paths = {urlsplit(call.url).path for call in data.calls("GET", "/users/") if traced(call, body)}
    assert {f"/users/{runner}", f"/users/{runner}/runs"} <= paths
    assert any(path.startswith(f"/users/{runner}/runs/") for path in paths)  # from the fetching threads too


def test_a_poison_message_is_rejected_not_requeued(consumer, broker, caplog):
    with broker.Producer() as producer:
        producer.publish(
            "runs changed!",
            exchange=events.exchange(TEST_EXCHANGE),
            routing_key=events.RUNS_CHANGED,
            content_type="text/plain",
            content_encoding="utf-8",
        )
    events.publish(
        broker,
        {"event_id": "e1", "type": events.RUNS_CHANGED, "user_id": "seven"},
        exchange_name=TEST_EXCHANGE,
    )
    undecodable = "rejected an undecodable message (text/plain)"
    unreadable = "rejected an unreadable runs.changed message: user_id 'seven' is not a user id"
    with caplog.at_level(logging.ERROR, logger="runnerly_training.events"):
        consume_until(consumer, lambda: undecodable in caplog.text and unreadable in caplog.text)
    assert caplog.text.count(undecodable) == caplog.text.count(unreadable) == 1


def test_a_failing_event_is_retried_once_then_rejected(broker, caplog):
    def failing(event):
        raise RuntimeError("a bug in the handler")

    consumer = consumer_of(broker, failing)
    body = events.runs_changed(7, [1], "created")
    try:
        events.publish(broker, body, exchange_name=TEST_EXCHANGE)
        with caplog.at_level(logging.ERROR, logger="runnerly_training.events"):
            consume_until(consumer, lambda: consumer.handle.handled.count(body["event_id"]) == 2)
        assert consumer.handle.handled.count(body["event_id"]) == 2
        assert f"event {body['event_id']} failed twice; rejected" in caplog.text
    finally:
        consumer.queue(broker.default_channel).delete()


def traced(call, body: dict) -> bool:
    return call.headers.get("X-Request-ID") == body["event_id"]
