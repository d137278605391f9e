"""Heartbeats: a worker's, beat's or consumer's loop touches its file while it turns, and
``runnerly-health heartbeat`` (the compose healthcheck, the Kubernetes probe) fails once it
stops. The loops are real: a Celery worker and a consumer on RabbitMQ, Celery's beat."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from celery import Celery
from celery.beat import Service
from celery.contrib.testing.worker import start_worker
from kombu import Queue

from runnerly_core import deletions, workers
from runnerly_core.heartbeat import Heartbeat, check_heartbeat
from runnerly_core.testing import TEST_BROKER_URL, TEST_EXCHANGE, broker_or_skip


def make_old(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def mtime_changes(path: Path, timeout: float = 10) -> bool:
    """Whether ``path`` is touched again within ``timeout``."""
    before = path.stat().st_mtime_ns
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_mtime_ns != before:
            return True
        time.sleep(0.05)
    return False


def wait_for_file(path: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


# --- the file and the check ---------------------------------------------------------------


def test_a_beat_touches_the_file_at_most_every_so_often(tmp_path):
    path = tmp_path / "heartbeat"
    beat = Heartbeat(path, every=60)
    beat.beat()
    assert check_heartbeat(path, max_age=5)[0]
    make_old(path, 30)
    beat.beat()  # within the minute: the loop turns every second, the file need not
    assert not check_heartbeat(path, max_age=5)[0]


def test_the_file_of_the_process_before_counts_for_nothing(tmp_path):
    path = tmp_path / "heartbeat"
    path.touch()  # the previous process, a second before it died
    Heartbeat(path)
    assert check_heartbeat(path, max_age=60) == (
        False,
        f"no heartbeat at {path} (the loop has not turned yet, or writes elsewhere)",
    )


def test_without_a_file_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Heartbeat(None).beat()
    Heartbeat("").beat()
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_written_does_not_stop_the_loop(tmp_path, caplog):
    path = tmp_path / "missing-folder" / "heartbeat"
    Heartbeat(path).beat()
    assert "cannot touch the heartbeat file" in caplog.text
    assert not check_heartbeat(path, max_age=60)[0]


def test_the_check_says_how_old_a_stale_heartbeat_is(tmp_path):
    path = tmp_path / "heartbeat"
    path.touch()
    make_old(path, 95)
    healthy, said = check_heartbeat(path, max_age=60)
    assert not healthy
    assert said == f"heartbeat 95 s old at {path}: the loop has not turned for over 60 s"


def run_check(*arguments: str) -> subprocess.CompletedProcess:
    """The console script as Docker and Kubernetes run it."""
    script = Path(sys.executable).with_name("runnerly-health")
    return subprocess.run([script, *arguments], capture_output=True, text=True, timeout=30)  # noqa: S603


def test_runnerly_health_exits_0_when_fresh_and_1_when_stale_or_missing(tmp_path):
    path = tmp_path / "heartbeat"
    assert run_check("heartbeat", str(path)).returncode == 1
    path.touch()
    fresh = run_check("heartbeat", str(path), "--max-age", "30")
    assert (fresh.returncode, fresh.stdout) == (0, "heartbeat 0 s old\n")
    make_old(path, 31)
    stale = run_check("heartbeat", str(path), "--max-age", "30")
    assert stale.returncode == 1
    assert "the loop has not turned for over 30 s" in stale.stderr


def test_runnerly_health_refuses_a_max_age_that_no_heartbeat_can_meet(tmp_path):
    refused = run_check("heartbeat", str(tmp_path / "heartbeat"), "--max-age", "0")
    assert refused.returncode == 2
    assert "must be above 0" in refused.stderr


def test_the_check_imports_nothing_but_the_standard_library():
    """It runs every few seconds in every container: no Celery, kombu or Flask to load."""
    code = "import sys, runnerly_core.heartbeat; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout  # noqa: S603
    assert not {"celery", "kombu", "flask", "sqlalchemy", "pydantic"} & set(loaded.split())


# --- the loops --------------------------------------------------------------------------


def test_a_users_deleted_consumer_beats_while_it_polls_and_stops_when_its_loop_does(tmp_path):
    connection = broker_or_skip()
    path = tmp_path / "heartbeat"
    queue_name = f"test-heartbeat-{uuid.uuid4().hex}"
    consumer = deletions.UsersDeletedConsumer(
        connection, queue_name, lambda user_id: None, exchange_name=TEST_EXCHANGE, heartbeat_file=str(path)
    )
    consumer.heartbeat.every = 0.2
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    try:
        wait_for_file(path)
        assert mtime_changes(path)  # idle, no message: the loop still turns
    finally:
        consumer.should_stop = True
        thread.join(timeout=10)
        Queue(queue_name)(connection.default_channel).delete()
        connection.release()
    assert not mtime_changes(path, timeout=1.5)


def test_celery_beat_beats_on_each_tick(tmp_path):
    path = tmp_path / "heartbeat"
    app = workers.instrument(Celery("test_beat", set_as_current=False), "runnerly-test", heartbeat_file=path)
    assert app.conf.beat_max_loop_interval == workers.BEAT_MAX_INTERVAL_S
    # `celery beat` (app.Beat) takes the scheduler from the configuration; its Service runs the loop.
    scheduler = app.Beat().scheduler_cls
    schedule = str(tmp_path / "schedule")
    beat = Service(app, max_interval=0.2, schedule_filename=schedule, scheduler_cls=scheduler)
    thread = threading.Thread(target=beat.start, kwargs={"embedded_process": True}, daemon=True)
    thread.start()
    try:
        wait_for_file(path)
        assert type(beat.scheduler) is workers.BeatingScheduler
        assert mtime_changes(path)
    finally:
        beat.stop()
        thread.join(timeout=10)
    assert not mtime_changes(path, timeout=1)


def test_a_celery_worker_beats_while_it_consumes_and_stops_when_it_stops(tmp_path, monkeypatch):
    broker_or_skip(TEST_BROKER_URL).release()
    monkeypatch.setattr(workers, "WORKER_BEAT_EVERY_S", 0.2)
    path = tmp_path / "heartbeat"
    app = Celery("test_worker_heartbeat", broker=TEST_BROKER_URL, set_as_current=False)
    queue_name = f"test-heartbeat-{uuid.uuid4().hex[:8]}"
    app.conf.update(task_default_queue=queue_name, task_ignore_result=True, broker_heartbeat=0)
    workers.instrument(app, "runnerly-test", heartbeat_file=path)
    with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False, loglevel="WARNING"):
        wait_for_file(path)
        assert mtime_changes(path)
    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(queue_name)
    assert not mtime_changes(path, timeout=1)


def test_an_app_without_a_heartbeat_file_keeps_celerys_defaults():
    app = workers.instrument(Celery("test_no_heartbeat", set_as_current=False), "runnerly-test")
    assert app.conf.beat_scheduler == "celery.beat:PersistentScheduler"
    assert app.conf.beat_max_loop_interval == 0  # Celery's own: 5 minutes
    assert workers.HEARTBEAT_KEY not in app.conf
