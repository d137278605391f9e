"""Gunicorn servers for the bench: started on an ephemeral port, stopped whatever happens."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
BENCHMARKS = Path(__file__).resolve().parent
STOP_TIMEOUT = 15.0
READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Target:
    """One app under load: its name, how gunicorn serves it, and where it answered."""

    name: str
    worker: str  # the gunicorn worker class and its options, as shown in the report
    argv: tuple[str, ...]  # gunicorn options after the bind, the app last
    url: str = ""
    pid: int = 0  # the gunicorn master's


def data_service(workers: int) -> Target:
    return Target(
        "data service",
        "uvicorn_worker.UvicornWorker",
        ("-k", "uvicorn_worker.UvicornWorker", "-w", str(workers), "runnerly_data.app:create_app()"),
    )


def anchor(workers: int, threads: int) -> Target:
    # gthread keeps connections alive as uvicorn does (the sync worker closes each one), and
    # its threads can overlap database waits. See the README for why one thread by default.
    argv = ("-k", "gthread", "--threads", str(threads), "-w", str(workers), "--pythonpath", str(BENCHMARKS))
    worker = f"gthread, {threads} thread{'s' if threads > 1 else ''}"
    return Target("anchor (plain Flask)", worker, (*argv, "anchor_app:create_app()"))


@contextmanager
def serving(target: Target, env: dict[str, str], path: str, headers: dict[str, str]) -> Iterator[Target]:
    """``target`` under gunicorn until the block ends; ready once ``path`` answers 200."""
    # The parent binds the port and hands gunicorn the socket: a free port found by
    # probing could be taken by someone else before gunicorn binds it.
    with (
        socket.create_server(("127.0.0.1", 0), backlog=1024) as listener,
        tempfile.TemporaryFile("w+") as log,
    ):
        # No control socket: gunicorn's default path is one per user, which the two servers
        # of the bench (and any other gunicorn of this user) would take from each other.
        options = ["-b", f"fd://{listener.fileno()}", "--log-level", "warning", "--no-control-socket"]
        argv = [str(BIN / "gunicorn"), *options, *target.argv]
        process = subprocess.Popen(  # noqa: S603 — argv is built above, nothing from outside
            argv, env=env, stdout=log, stderr=subprocess.STDOUT, pass_fds=[listener.fileno()]
        )
        try:
            url = f"http://127.0.0.1:{listener.getsockname()[1]}{path}"
            _wait_until_ready(process, url, headers, log)
            yield Target(target.name, target.worker, target.argv, url, process.pid)
        finally:
            _stop(process)


def cpu_seconds(target: Target) -> float | None:
    """CPU time its workers have used so far (Linux). Unlike throughput, CPU per request
    hardly moves when neighbours on a shared machine take cores away."""
    children = Path(f"/proc/{target.pid}/task/{target.pid}/children")
    if not children.exists():
        return None
    total = 0
    for pid in children.read_text().split():
        # utime and stime, counted after the parenthesised command name, which may hold spaces
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _wait_until_ready(process: subprocess.Popen, url: str, headers: dict, log) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{_tail(log)}")
        try:
            if requests.get(url, headers=headers, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet, or its workers still building the app
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready after {READY_TIMEOUT:.0f} s:\n{_tail(log)}")


def _tail(log, lines: int = 30) -> str:
    log.seek(0)
    return "".join(log.readlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM is gunicorn's graceful stop; kill only a master that ignores it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
