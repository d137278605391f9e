"""Heartbeats of the processes that answer no HTTP: Celery workers, beats, event consumers.

A web process shows it is alive by answering ``/health/live``. A worker, a beat or a
consumer has no such door, and a process that exists says nothing of a loop that is stuck
(a handler waiting forever, a lost broker connection). So each touches a file, its
service's ``heartbeat_file`` setting (``RUNNERLY_<SERVICE>_HEARTBEAT_FILE``), each time
its loop turns, and ``runnerly-health heartbeat FILE --max-age SECONDS`` (docker-compose's
healthcheck, Kubernetes' exec probes) fails once the file is older than that:

- a Celery worker: a timer on its event loop, running while it is connected to the broker
  (:mod:`runnerly_core.workers`);
- Celery beat: each tick of its scheduler, at least every ``BEAT_MAX_INTERVAL_S``
  (:mod:`runnerly_core.workers`);
- a kombu consumer: each pass of its loop (a second at most while no message comes), which
  turns only while it is connected (:class:`BeatingConsumer`).

The check runs every few seconds in every such container: it imports nothing but the
standard library, so that it starts in milliseconds.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

# A touch every few seconds at most: the checks allow a minute or more.
TOUCH_EVERY_S = 5.0


class Heartbeat:
    """A file whose modification time says when a loop last turned.

    ``beat`` touches it, at most every ``every`` seconds (a consumer's loop turns every
    second). Without a path it does nothing: ``make run`` checks its processes otherwise.
    """

    def __init__(self, path: str | Path | None, every: float = TOUCH_EVERY_S) -> None:
        self.path = Path(path) if path else None
        self.every = every
        self._last = -math.inf
        if self.path is not None:
            # Left by the process this one replaces (a restarted container keeps its files):
            # it says nothing of this one, which is healthy from its own first beat.
            self.path.unlink(missing_ok=True)

    def beat(self) -> None:
        now = time.monotonic()
        if self.path is None or now - self._last < self.every:
            return
        try:
            self.path.touch()
        except OSError as error:  # the check then fails and says why: the work goes on
            log.warning("cannot touch the heartbeat file %s: %s", self.path, error)
        self._last = now


class BeatingConsumer:
    """Mixed into a kombu ``ConsumerMixin``: a heartbeat on each pass of its loop.

    kombu calls ``on_iteration`` before each wait for messages (a second at most), only
    while the consumer is connected: reconnecting, or stuck in a handler, it stops beating.
    """

    heartbeat = Heartbeat(None)

    def on_iteration(self) -> None:
        self.heartbeat.beat()


def age_of(path: Path) -> float | None:
    """Seconds since ``path`` was touched; None when there is no such file."""
    try:
        return max(0.0, time.time() - path.stat().st_mtime)
    except FileNotFoundError:
        return None


def check_heartbeat(path: Path, max_age: float) -> tuple[bool, str]:
    """Whether the heartbeat is fresh, and a line saying so (Docker keeps it in the health log)."""
    age = age_of(path)
    if age is None:
        return False, f"no heartbeat at {path} (the loop has not turned yet, or writes elsewhere)"
    if age > max_age:
        return False, f"heartbeat {age:.0f} s old at {path}: the loop has not turned for over {max_age:g} s"
    return True, f"heartbeat {age:.0f} s old"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runnerly-health",
        description="Health checks of the suite's processes; exits 0 when healthy, 1 when not.",
    )
    checks = parser.add_subparsers(dest="check", required=True)
    heartbeat = checks.add_parser(
        "heartbeat", help="A worker's, beat's or consumer's heartbeat file is fresh (its loop turns)."
    )
    heartbeat.add_argument("file", type=Path, help="the process's heartbeat file (RUNNERLY_HEARTBEAT_FILE)")
    heartbeat.add_argument(
        "--max-age", type=_positive, default=60.0, help="seconds since the last beat (default: 60)"
    )
    return parser


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    """``runnerly-health heartbeat FILE --max-age SECONDS``"""
    arguments = _parser().parse_args(argv)
    healthy, said = check_heartbeat(arguments.file, arguments.max_age)
    print(said, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
