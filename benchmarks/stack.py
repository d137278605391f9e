"""``make bench``: the memory of the whole ``make run`` stack, and each service's cold start.

Starts the suite as ``make run`` does (``scripts/run_suite.py``, under
``flock /tmp/runnerly-make-run.lock`` because it binds fixed ports), waits until every
process answers, then:

- ``stack_rss_mb``: the peak, over a few seconds of samples, of the summed resident memory
  of every process the suite started (its whole process tree, from ``/proc``);
- ``cold_start_s``: for each service, a second copy started (``serve --single-process``, as
  ``make run`` starts it) next to the running stack with
  the same environment on a free port, timed from process start to the first ``200`` from
  ``/health/ready``; the value is the slowest service's median over the rounds.

The suite is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from results import write_measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

import run_suite  # noqa: E402 — scripts/ is not a package

RSS_GOAL_MB = 1024
COLD_START_GOAL_S = 2.0
SERVICES = ("tokendealer", "data", "strava", "training", "dashboard")
LOCK = "/tmp/runnerly-make-run.lock"  # noqa: S108 — the lock every make run on this machine shares


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="cold starts per service")
    parser.add_argument("--samples", type=int, default=10, help="RSS samples, one every 0.5 s")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with running_suite() as suite:
        rss_mb, processes = peak_rss(suite.pid, options.samples)
        print(f"make run: {processes} processes, peak {rss_mb:,.0f} MB RSS summed (goal <= {RSS_GOAL_MB})")
        write_measure(
            "stack_rss_mb",
            rss_mb,
            goal=RSS_GOAL_MB,
            direction="at_most",
            unit="MB, peak summed RSS of make run's process tree",
            details={"processes": processes, "by_command": rss_by_command(suite.pid)},
        )
        starts = {name: cold_starts(name, options.rounds) for name in SERVICES}
    for name, rounds in starts.items():
        each = " ".join(f"{wall:.2f} ({cpu:.2f} CPU)" for wall, cpu in rounds)
        print(f"cold start {name:<12} {each} s")
    wall = {name: statistics.median(w for w, _ in rounds) for name, rounds in starts.items()}
    cpu = {name: statistics.median(c for _, c in rounds) for name, rounds in starts.items()}
    slowest = max(wall.values())
    print(f"Conclusion: the slowest service is ready in {slowest:.2f} s (goal <= {COLD_START_GOAL_S}).")
    write_measure(
        "cold_start_s",
        slowest,
        goal=COLD_START_GOAL_S,
        direction="at_most",
        unit="s from process start to /health/ready, slowest service (median of rounds)",
        details={"wall_s": wall, "cpu_s": cpu, "load_average": os.getloadavg()},
    )
    return 0


@contextmanager
def running_suite():
    """``make run``'s suite, ready, until the block ends."""
    argv = ["flock", LOCK, str(BIN / "python"), str(ROOT / "scripts" / "run_suite.py")]
    log = open(ROOT / "benchmarks" / "out" / "make-run.log", "w")  # noqa: SIM115 — closed below
    suite = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
    try:
        wait_for_banner(suite, ROOT / "benchmarks" / "out" / "make-run.log")
        yield suite
    finally:
        os.killpg(suite.pid, signal.SIGTERM)
        suite.wait(timeout=60)
        log.close()


def wait_for_banner(suite: subprocess.Popen, log: Path, timeout: float = 600) -> None:
    """Ready once run_suite has linked the demo athlete and printed the logins (its last step);
    waiting on the lock (another make run) counts in the timeout."""
    deadline = time.monotonic() + timeout
    while "Runnerly is running." not in log.read_text():
        if suite.poll() is not None:
            raise SystemExit(f"make run exited with {suite.returncode}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise SystemExit("make run was not ready in time")
        time.sleep(1)
    time.sleep(3)  # let the workers settle after the demo's first requests


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass  # gone
    return 0


def command_name(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [Path(word.decode()).name for word in argv[:3] if word]
    return " ".join(words)


def peak_rss(root: int, samples: int) -> tuple[float, int]:
    peak, processes = 0.0, 0
    for _ in range(samples):
        tree = process_tree(root)
        total = sum(rss_kb(pid) for pid in tree) / 1024
        if total > peak:
            peak, processes = total, len(tree)
        time.sleep(0.5)
    return peak, processes


def rss_by_command(root: int) -> dict[str, float]:
    by_command: dict[str, float] = {}
    for pid in process_tree(root):
        name = command_name(pid)
        by_command[name] = round(by_command.get(name, 0) + rss_kb(pid) / 1024, 1)
    return dict(sorted(by_command.items(), key=lambda item: -item[1]))


def cold_starts(name: str, rounds: int) -> list[tuple[float, float]]:
    return [cold_start(name) for _ in range(rounds)]


def cold_start(name: str) -> tuple[float, float]:
    """Seconds from starting ``runnerly-<name> serve`` to its first ready answer, and the CPU
    seconds its processes spent until then (steady when neighbours make the wall time long)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/health/ready"
    argv = [str(BIN / f"runnerly-{name}"), "serve", "--port", str(port), "--single-process"]  # as make run
    started = time.perf_counter()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen(argv, env=run_suite.environment(), cwd=ROOT, **quiet)  # noqa: S603
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"runnerly-{name} serve exited with {process.returncode}")
            try:
                if requests.get(url, timeout=5).status_code == 200:
                    return time.perf_counter() - started, cpu_seconds(process.pid)
            except requests.RequestException:
                pass  # not listening yet
            time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=30)


def cpu_seconds(root: int) -> float:
    ticks = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
