"""`make status` (scripts/status.py) against real pieces: HTTP services that are ready, not
ready or gone, a Celery worker on RabbitMQ, an event queue with and without a consumer."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from kombu import Connection, Consumer, Queue

from runnerly_core.testing import TEST_BROKER_URL, broker_or_skip
from runnerly_core.testing_suite import JsonHandler, free_port, http_server

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("status", ROOT / "scripts" / "status.py")
status = importlib.util.module_from_spec(spec)
sys.modules["status"] = status  # dataclasses look their module up
spec.loader.exec_module(status)


@contextmanager
def health_server(code: int, body: dict) -> Iterator[str]:
    class Handler(JsonHandler):
        def do_GET(self) -> None:
            self.answer(code, body)

    with http_server(Handler) as url:
        yield f"{url}/health/ready"


def closed_port() -> int:
    return free_port()  # nothing listens there once the probe is closed


@pytest.fixture(scope="module")
def broker_url() -> str:
    broker_or_skip(TEST_BROKER_URL).release()
    return TEST_BROKER_URL


def test_it_shows_each_services_checks_and_exits_zero_when_all_are_up():
    with health_server(200, {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}) as url:
        text, code = status.report([status.http_ready("strava", url)])
    assert code == 0
    assert "strava" in text
    assert "up" in text
    assert "database ok, broker ok" in text


def test_it_exits_one_when_a_service_is_not_ready_or_gone():
    not_ready = {"status": 503, "checks": {"database": "ok", "broker": "failed: OperationalError"}}
    with health_server(503, not_ready) as url:
        gone = f"http://127.0.0.1:{closed_port()}/health/ready"
        text, code = status.report([status.http_ready("strava", url), status.http_ready("data", gone)])
    assert code == 1
    assert "broker failed: OperationalError" in text
    assert [line.split()[1] for line in text.splitlines()[:2]] == ["DOWN", "DOWN"]
    assert text.splitlines()[-1] == "0 up, 2 down"


def test_a_broker_that_does_not_answer_is_down(broker_url):
    dead = f"amqp://guest:secret@127.0.0.1:{closed_port()}//"
    [up, down] = status.run([status.broker("broker", broker_url), status.broker("broker", dead)])
    assert (up.up, down.up) == (True, False)
    assert "secret" not in down.detail


def test_a_worker_is_up_only_while_one_consumes_its_queue(broker_url):
    queue = f"status-{uuid.uuid4().hex[:8]}"
    app = Celery("status_test", broker=broker_url, set_as_current=False)
    app.conf.update(task_default_queue=queue, broker_heartbeat=0)
    check = status.celery_workers("strava-worker", broker_url, queue)
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        running = check()
    assert running.up, running.detail
    stopped = check()
    assert not stopped.up
    assert f"no worker consumes {queue}" in stopped.detail
    with Connection(broker_url) as connection:
        connection.default_channel.queue_delete(queue)


def test_an_event_consumer_is_up_only_while_its_queue_has_a_consumer(broker_url):
    name = f"status-events-{uuid.uuid4().hex[:8]}"
    check = status.queue_consumer("training-events", broker_url, name)
    assert not check().up  # no such queue yet
    with Connection(broker_url) as connection:
        queue = Queue(name, auto_delete=False)(connection.default_channel)
        queue.declare()
        try:
            assert not check().up
            with Consumer(connection, queues=[queue], callbacks=[lambda body, message: None]):
                assert check().up
        finally:
            queue.delete()


def test_only_the_processes_of_the_procfile_are_checked(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        "# comment\ndata: runnerly-data serve --port 5002\nstrava-worker: runnerly-strava worker\n"
    )
    checks = status.suite_checks(status.procfile_processes(procfile))
    assert len(checks) == 3  # the broker, the data service, the strava worker


def test_the_services_of_one_process_of_several_commands_are_each_checked(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        'web: python -m runnerly_core.together "runnerly-data serve --port 5002" '
        '"runnerly-training serve --port 5004"\n'
    )
    processes = status.procfile_processes(procfile)
    assert {"data", "training"} <= processes
    assert len(status.suite_checks(processes)) == 3  # the broker, the data and training services


def test_the_sandbox_is_asked_with_make_runs_admin_token():
    class Handler(JsonHandler):
        def do_GET(self) -> None:
            allowed = self.headers.get("Authorization") == "Bearer admin-secret"
            self.answer(200 if allowed else 401, {"athletes": []} if allowed else {"title": "Unauthorized"})

    with http_server(Handler) as url:
        monkeypatched = {"RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN": "admin-secret"}
        headers = status._sandbox_admin(monkeypatched)
        assert status.http_ready("sandbox", f"{url}/_sandbox/athletes", headers)().up
        assert not status.http_ready("sandbox", f"{url}/_sandbox/athletes", status._sandbox_admin({}))().up
