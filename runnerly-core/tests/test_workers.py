"""Celery apps instrumented by ``runnerly_core.workers``, run by a real worker on RabbitMQ."""

from __future__ import annotations

import logging
import queue
import time
import uuid

import pytest
import requests_mock
from celery import Celery
from celery.contrib.testing.worker import start_worker
from kombu import Queue
from prometheus_client import REGISTRY

from runnerly_core import logs, workers
from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_core.testing import TEST_BROKER_URL, broker_or_skip

SERVICE = "runnerly-test-workers"


@pytest.fixture(scope="module")
def app():
    broker_or_skip(TEST_BROKER_URL).release()
    app = Celery("test_workers", broker=TEST_BROKER_URL, set_as_current=False)
    queue_name = f"test-workers-{uuid.uuid4().hex[:8]}"
    app.conf.update(
        task_default_queue=queue_name,
        task_ignore_result=True,
        broker_heartbeat=0,
        worker_hijack_root_logger=True,  # instrument() must turn this off
    )
    workers.instrument(app, SERVICE)
    seen: queue.Queue = queue.Queue()
    _register_tasks(app, seen)
    app.seen = seen
    app.queue_name = queue_name
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING"):
        yield app
    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(queue_name)


def _register_tasks(app: Celery, seen: queue.Queue) -> None:
    @app.task(name="test.record", bind=True)
    def record(self, label: str) -> None:
        seen.put((label, logs.current_request_id(), self.request.id))

    @app.task(name="test.chain")
    def chain() -> None:
        seen.put(("outer", logs.current_request_id(), None))
        record.delay("inner")

    @app.task(name="test.call")
    def call(url: str) -> None:
        credentials = ClientCredentials(f"{url}/oauth/token", "me", "secret")
        ServiceClient(url, "runnerly-data", "runs:read", credentials).get("/runs")
        seen.put(("called", logs.current_request_id(), None))

    @app.task(name="test.fail")
    def fail() -> None:
        seen.put(("failing", logs.current_request_id(), None))
        raise RuntimeError("this task fails")


def _next(app: Celery) -> tuple:
    return app.seen.get(timeout=15)


def test_a_task_sent_while_a_request_is_served_runs_under_its_request_id(app):
    with logs.request_id_bound("req-from-the-web"):
        app.send_task("test.record", args=["first"])
    assert _next(app)[:2] == ("first", "req-from-the-web")


def test_a_task_sent_by_a_task_carries_the_same_id(app):
    with logs.request_id_bound("req-chain"):
        app.send_task("test.chain")
    assert {_next(app)[:2], _next(app)[:2]} == {("outer", "req-chain"), ("inner", "req-chain")}


def test_a_task_sent_with_no_request_takes_its_task_id(app):
    app.send_task("test.record", args=["from-beat"])
    label, request_id, task_id = _next(app)
    assert label == "from-beat"
    assert request_id == task_id


def test_the_id_goes_on_with_the_calls_a_task_makes_to_other_services(app):
    with requests_mock.Mocker() as mock:
        mock.post("http://data.test/oauth/token", json={"access_token": "t", "expires_in": 300})
        mock.get("http://data.test/runs", json={})
        with logs.request_id_bound("req-downstream"):
            app.send_task("test.call", args=["http://data.test"])
        assert _next(app)[:2] == ("called", "req-downstream")
    assert mock.request_history[-1].headers["X-Request-ID"] == "req-downstream"


def test_tasks_are_counted_by_outcome_and_timed(app):
    def count(task: str, outcome: str) -> float:
        labels = {"service": SERVICE, "task": task, "outcome": outcome}
        return REGISTRY.get_sample_value("runnerly_celery_tasks_total", labels) or 0

    def timed(task: str) -> float:
        labels = {"service": SERVICE, "task": task}
        return REGISTRY.get_sample_value("runnerly_celery_task_duration_seconds_count", labels) or 0

    before = count("test.fail", "failure"), count("test.record", "success"), timed("test.record")
    app.send_task("test.fail")
    app.send_task("test.record", args=["counted"])
    _next(app), _next(app)
    _wait_for(lambda: count("test.fail", "failure") == before[0] + 1)
    _wait_for(lambda: count("test.record", "success") == before[1] + 1)
    assert timed("test.record") == before[2] + 1


def test_a_worker_keeps_the_services_json_log_handler():
    logs.configure_logging(SERVICE, "INFO", json=True)
    ours = logging.getLogger().handlers[:]
    app = workers.instrument(Celery("test_logs", set_as_current=False), SERVICE)
    app.log.setup_logging_subsystem(loglevel="INFO")
    assert logging.getLogger().handlers == ours


def test_queue_depth_is_read_from_the_broker(app):
    name = f"test-depth-{uuid.uuid4().hex[:8]}"
    collector = workers.queue_depth_collector(TEST_BROKER_URL, [name, f"{name}-missing"])
    with app.connection_for_write() as connection:
        declared = Queue(name, durable=False, auto_delete=False)(connection.default_channel)
        declared.declare()
        try:
            producer = connection.Producer()
            for n in range(3):
                producer.publish({"n": n}, routing_key=name)
            [family] = list(collector.collect())
        finally:
            declared.delete()
    assert [(s.labels, s.value) for s in family.samples] == [({"queue": name}, 3)]


def _wait_for(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_reliable_defaults_give_messages_back_unless_their_task_ran():
    config = workers.reliable_config(TEST_BROKER_URL, ["files", "details"], time_limit_seconds=300)
    assert config["task_acks_late"]
    assert config["task_reject_on_worker_lost"]
    assert config["worker_cancel_long_running_tasks_on_connection_loss"]
    assert config["worker_prefetch_multiplier"] == 1
    # The task is warned 30 s before it is killed; a short limit leaves no room for that.
    assert (config["task_time_limit"], config["task_soft_time_limit"]) == (300, 270)
    short = workers.reliable_config(TEST_BROKER_URL, ["files"], time_limit_seconds=45)
    assert (short["task_time_limit"], short["task_soft_time_limit"]) == (45, 45)
    assert "task_time_limit" not in workers.reliable_config(TEST_BROKER_URL, ["mail"])


def test_the_first_queue_is_the_default_and_outlives_a_broker_restart():
    broker_or_skip(TEST_BROKER_URL).release()
    first, second = (f"test-reliable-{uuid.uuid4().hex[:8]}-{n}" for n in (1, 2))
    app = Celery("test_reliable", set_as_current=False)
    app.conf.update(workers.reliable_config(TEST_BROKER_URL, [first, second]))
    assert all(queue.durable for queue in app.conf.task_queues)
    app.send_task("test.unrouted")
    [family] = list(workers.queue_depth_collector(TEST_BROKER_URL, [first, second]).collect())
    with app.connection_for_write() as connection:
        for name in (first, second):
            Queue(name, durable=True)(connection.default_channel).delete()
    assert [(s.labels, s.value) for s in family.samples] == [({"queue": first}, 1)]


def test_a_beat_thread_sends_the_schedule_from_the_worker_and_keeps_it_when_it_stops(app, tmp_path):
    """``worker --beat`` (make run): the schedule's task is sent and run from the worker's
    own process, and the schedule file is written when the worker shuts down."""
    from celery import signals

    app.conf.beat_schedule = {"every-second": {"task": "test.record", "schedule": 1.0, "args": ["beat"]}}
    schedule = tmp_path / "beat-schedule"
    try:
        workers.start_beat_thread(app, str(schedule))
        label = None
        while label != "beat":  # earlier tests' tasks may still be queued
            label, _, _ = app.seen.get(timeout=15)
    finally:
        signals.worker_shutdown.send(sender=None)  # what a stopping worker sends
        app.conf.beat_schedule = {}
    assert any(path.name.startswith("beat-schedule") for path in tmp_path.iterdir())
