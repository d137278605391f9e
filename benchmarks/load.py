"""Load generators: wrk when installed, else a small Python one (threads and sessions)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass

import requests

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
MAX_PYTHON_REQUESTS = 200_000  # a bound on the fallback, whatever the duration


@dataclass(frozen=True)
class Result:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    failures: int  # non-2xx/3xx answers, socket errors and timeouts
    cpu_ms: float | None = None  # the server's CPU per request, when it can be read


def generator_name() -> str:
    return "wrk" if shutil.which("wrk") else "a Python client (threads + requests.Session)"


def run(url: str, headers: dict[str, str], connections: int, seconds: float) -> Result:
    if shutil.which("wrk"):
        return run_wrk(url, headers, connections, seconds)
    return run_python(url, headers, connections, seconds)


def run_wrk(url: str, headers: dict[str, str], connections: int, seconds: float) -> Result:
    # One wrk thread: it drives 16 connections easily and leaves the second core to the
    # servers, which on this 2-core machine are what we measure.
    # A generous timeout: on a crowded machine a slow answer is a latency, not an error.
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "--latency"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603 — fixed argv, wrk found on PATH
        [*argv, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Result:
    def number(pattern: str) -> float:
        match = re.search(pattern, output)
        return float(match.group(1)) if match else 0.0

    def percentile(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        if not match:
            raise ValueError(f"wrk printed no {label}th percentile:\n{output}")
        return float(match.group(1)) * UNITS_MS[match.group(2)]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failures = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    failures += sum(int(count) for count in errors.groups()) if errors else 0
    return Result(
        requests_per_s=number(r"Requests/sec:\s+([\d.]+)"),
        p50_ms=percentile("50"),
        p99_ms=percentile("99"),
        requests=int(number(r"(\d+) requests in")),
        failures=failures,
    )


def run_python(url: str, headers: dict[str, str], connections: int, seconds: float) -> Result:
    """Closed-loop load like wrk's: each thread sends its next request when the last one
    answered. The client shares the machine's cores with the servers, so its figures are
    lower than wrk's; the ratio of two targets is what stays meaningful."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    per_thread = MAX_PYTHON_REQUESTS // connections

    def client() -> None:
        mine, failed = [], 0
        with requests.Session() as session:
            while time.monotonic() < deadline and len(mine) < per_thread:
                start = time.perf_counter()
                try:
                    failed += session.get(url, headers=headers, timeout=10).status_code >= 400
                except requests.RequestException:
                    failed += 1
                mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return Result(len(latencies) / elapsed, cuts[49], cuts[98], len(latencies), failures[0])
