"""`make status`: the health of every process that `make run` started, in one table.

Web services answer `/health/ready` with the checks of their dependencies; Celery workers
answer a ping over the broker (only those consuming the service's queue count); an event
consumer is alive when its queue has a consumer; the broker must accept a connection. Each
check waits a second or two at most. Exits 1 when anything is down.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests
from celery import Celery
from kombu import Connection

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 2.0
SERVED = re.compile(r"runnerly-(\w+) serve\b")


@dataclass(frozen=True)
class Result:
    name: str
    up: bool
    detail: str


Check = Callable[[], Result]


def http_ready(name: str, url: str, headers: dict | None = None) -> Check:
    """Up when ``url`` answers 200; the detail lists the service's own checks."""

    def check() -> Result:
        try:
            answer = requests.get(url, headers=headers, timeout=TIMEOUT)
        except requests.RequestException as error:
            return Result(name, False, f"{url}: {type(error).__name__}")
        detail = _checks_of(answer) or f"HTTP {answer.status_code}"
        return Result(name, answer.status_code == 200, f"{url}  {detail}")

    return check


def _checks_of(answer: requests.Response) -> str:
    try:
        checks = answer.json().get("checks") or {}
    except (ValueError, AttributeError):
        return ""
    return ", ".join(f"{name} {state}" for name, state in checks.items())


def broker(name: str, url: str) -> Check:
    def check() -> Result:
        try:
            with Connection(url, connect_timeout=TIMEOUT) as connection:
                connection.ensure_connection(max_retries=1)
        except Exception as error:  # noqa: BLE001 — any failure means the broker is down
            return Result(name, False, f"{_safe(url)}: {type(error).__name__}")
        return Result(name, True, _safe(url))

    return check


def celery_workers(name: str, broker_url: str, queue: str) -> Check:
    """Up when at least one worker consuming ``queue`` answers within the timeout."""

    def check() -> Result:
        app = Celery(set_as_current=False, broker=broker_url)
        try:
            answers = app.control.inspect(timeout=TIMEOUT).active_queues() or {}
        except Exception as error:  # noqa: BLE001 — a broker that does not answer: down
            return Result(name, False, f"no answer: {type(error).__name__}")
        finally:
            app.close()
        workers = sorted(host for host, queues in answers.items() if queue in {q["name"] for q in queues})
        if not workers:
            return Result(name, False, f"no worker consumes {queue}")
        return Result(name, True, f"{len(workers)} answering on {queue}: {', '.join(workers)}")

    return check


def queue_consumer(name: str, broker_url: str, queue: str) -> Check:
    """Up when ``queue`` exists and something consumes it (an event consumer)."""

    def check() -> Result:
        try:
            with Connection(broker_url, connect_timeout=TIMEOUT) as connection:
                connection.ensure_connection(max_retries=1)
                _, waiting, consumers = connection.default_channel.queue_declare(queue=queue, passive=True)
        except Exception as error:  # noqa: BLE001 — no queue, no broker: the consumer is down
            return Result(name, False, f"{queue}: {type(error).__name__}")
        return Result(name, consumers > 0, f"{queue}: {consumers} consumer(s), {waiting} waiting")

    return check


def _safe(url: str) -> str:
    """A broker URL without its password."""
    return Connection(url).as_uri(include_password=False)


def procfile_processes(path: Path = ROOT / "Procfile") -> set[str]:
    """The Procfile's process names, and the web services that an entry of several
    commands (``runnerly_core.together``) serves: ``runnerly-data serve`` is ``data``."""
    names = set()
    for line in path.read_text().splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            name, command_line = line.split(":", 1)
            names.add(name.strip())
            names.update(SERVED.findall(command_line))
    return names


def suite_checks(processes: set[str], environ=os.environ) -> list[Check]:
    """What `make run` starts (the Procfile says which processes), and how to check each."""
    rabbitmq = "amqp://guest:guest@127.0.0.1:5672//"
    strava_broker = environ.get("RUNNERLY_STRAVA_BROKER_URL") or rabbitmq
    events_broker = environ.get("RUNNERLY_TRAINING_BROKER_URL") or rabbitmq
    prefix = environ.get("RUNNERLY_STRAVA_QUEUE_PREFIX", "strava")
    dashboard_broker = environ.get("RUNNERLY_DASHBOARD_BROKER_URL") or rabbitmq
    known: dict[str, Check] = {
        "gateway": http_ready("gateway", "http://127.0.0.1:8080/health"),
        "dashboard": http_ready("dashboard", "http://127.0.0.1:5000/health/ready"),
        "tokendealer": http_ready("tokendealer", "http://127.0.0.1:5001/health/ready"),
        "data": http_ready("data", "http://127.0.0.1:5002/health/ready"),
        "strava": http_ready("strava", "http://127.0.0.1:5003/health/ready"),
        "training": http_ready("training", "http://127.0.0.1:5004/health/ready"),
        "import": http_ready("import", "http://127.0.0.1:5005/health/ready"),
        # The sandbox's admin API wants make run's admin token (.run/sandbox-admin.secret).
        "sandbox": http_ready("sandbox", "http://127.0.0.1:5090/_sandbox/athletes", _sandbox_admin(environ)),
        "strava-worker": celery_workers("strava-worker", strava_broker, f"{prefix}.sync"),
        "dashboard-worker": celery_workers("dashboard-worker", dashboard_broker, "dashboard"),
        "events": queue_consumer("training-events", events_broker, "runnerly-training.runs-changed"),
    }
    checks = [check for name, check in known.items() if name in processes]
    return [broker("broker", events_broker), *checks]


def _sandbox_admin(environ) -> dict:
    token = environ.get("RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


def run(checks: list[Check]) -> list[Result]:
    with ThreadPoolExecutor(max_workers=max(1, len(checks))) as pool:
        return list(pool.map(lambda check: check(), checks))


def render(results: list[Result], color: bool) -> str:
    width = max(len(result.name) for result in results)
    lines = []
    for result in results:
        word = "up" if result.up else "DOWN"
        if color:
            word = f"\033[32m{word:4}\033[0m" if result.up else f"\033[31m{word:4}\033[0m"
        lines.append(f"{result.name:<{width}}  {word:4}  {result.detail}")
    down = sum(not result.up for result in results)
    lines.append(f"{len(results) - down} up, {down} down")
    return "\n".join(lines)


def report(checks: list[Check], color: bool = False) -> tuple[str, int]:
    """The table, and the exit status: 1 when anything is down."""
    results = run(checks)
    return render(results, color), 0 if all(result.up for result in results) else 1


def started_processes(procfile: Path) -> set[str]:
    """The Procfile's processes, less the gateway when `make run` could not start it."""
    from run_suite import environment, gateway_unavailable

    processes = procfile_processes(procfile)
    missing = gateway_unavailable(environment())
    if missing:
        print(f"gateway not started by make run: {missing}")
        processes.discard("gateway")
    return processes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procfile", type=Path, default=ROOT / "Procfile")
    options = parser.parse_args(argv)
    from run_suite import environment  # make run's environment: its sandbox admin token

    checks = suite_checks(started_processes(options.procfile), environment())
    text, status = report(checks, sys.stdout.isatty())
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
