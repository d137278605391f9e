"""A service's own Celery worker for a bench: a subprocess on RabbitMQ, on queues named for
the bench's run only, stopped and its queues deleted when the bench ends.

``RUNNERLY_BENCH_BROKER_URL`` overrides the local RabbitMQ.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kombu import Connection, Queue

from runnerly_core.testing_suite import wait_until

BROKER = os.environ.get("RUNNERLY_BENCH_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
WORKER_STOP_SECONDS = 20

# ``runnerly-<service> worker`` with the same runtime and pool, plus a node name of its own:
# the shared broker may already have a ``celery@<host>`` whose exclusive pidbox queue would
# refuse ours. The settings are read from this process's environment, which the bench set.
WORKER = (
    "import sys; from {package}.cli import worker_runtime;"
    " from {package}.settings import {settings};"
    " worker_runtime({settings}()).worker_main(sys.argv[1:])"
)


def require_broker() -> None:
    try:
        with Connection(BROKER, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception as error:  # noqa: BLE001 — any failure means there is no broker to use
        raise SystemExit(f"no RabbitMQ at {BROKER}: {error}") from None


@contextmanager
def service_worker(
    package: str, settings: str, queues: Sequence[str], folder: Path, run_id: str
) -> Iterator[subprocess.Popen]:
    """The worker of ``package`` (``runnerly_strava``, its settings class ``settings``) as
    deployed, prefork with two processes, consuming ``queues`` under a node name of the
    bench's run; its output in ``folder/<package>-worker.log``. It runs in its own session,
    so that its pool children can be reached through its PID's process group if it hangs."""
    script = WORKER.format(package=package, settings=settings)
    node = f"bench-{run_id}@%h"
    argv = ["worker", "-Q", ",".join(queues), "-c", "2", "-P", "prefork", "-l", "WARNING", "-n", node]
    log_path = folder / f"{package}-worker.log"
    with run_queues(queues), log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 — our interpreter, fixed arguments
            [sys.executable, "-c", script, *argv, "--without-mingle", "--without-gossip"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            stop(process, log_path)


@contextmanager
def run_queues(names: Sequence[str]) -> Iterator[None]:
    """Declare the run's queues (so that the worker's consumer can be seen on them) and
    delete them at the end, whatever happened in between."""
    with Connection(BROKER) as connection:
        for name in names:
            # Exactly as Celery declares them (kombu's defaults), or RabbitMQ refuses one.
            Queue(name, durable=True)(connection.default_channel).declare()
    try:
        yield
    finally:
        with Connection(BROKER) as connection:
            for name in names:
                connection.default_channel.queue_delete(queue=name)


def stop(process: subprocess.Popen, log: Path) -> None:
    """Warm shutdown by PID; the process group of that PID is killed only if it hangs."""
    if process.poll() is not None:
        print(f"The worker had exited ({process.returncode}); its log:\n{log.read_text()[-2000:]}")
        return
    process.terminate()
    try:
        process.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for_consumer(queue: str) -> None:
    """The worker is ready when it consumes from this run's queue (nobody else knows it)."""

    def consumers() -> int:
        with Connection(BROKER) as connection:
            return connection.default_channel.queue_declare(queue=queue, passive=True).consumer_count

    wait_until(consumers, timeout=60, interval=0.2, what=f"a worker on {queue}")
