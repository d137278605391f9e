"""The sandbox profile: a runner links the demo athlete as a browser would, the backfill
completes across scaled workers, and a worker killed mid-backfill loses nothing. The
services are reached through the gateway, the one published port."""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import parse_qsl, urlsplit

import requests

from .engine import run

LINK_SCOPES = "strava:link strava:read"


def create_runner(suite, name: str) -> int:
    headers = suite.token(suite.dashboard, "runnerly-data", "users:write")
    body = {
        "email": f"{name}-{uuid.uuid4().hex[:8]}@example.com",
        "first_name": "Strava",
        "last_name": "Runner",
        "timezone": "Europe/London",
    }
    answer = requests.post(f"{suite.gateway}/api/data/users", json=body, headers=headers, timeout=10)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def link(suite, user_id: int, athlete_id: int) -> str:
    """Start the link, consent on the page authorize_url names, hand the redirect back."""
    headers = suite.token(suite.dashboard, "runnerly-strava", LINK_SCOPES, subject=user_id)
    base = f"{suite.gateway}/api/strava/users/{user_id}/strava"
    authorize_url = requests.post(f"{base}/link", headers=headers, timeout=10).json()["authorize_url"]
    assert authorize_url.startswith(f"{suite.sandbox_url}/oauth/authorize?"), authorize_url  # a browser's URL
    consent = {
        **dict(parse_qsl(urlsplit(authorize_url).query)),
        "athlete_id": str(athlete_id),
        "decision": "authorize",
    }
    answer = requests.post(authorize_url.split("?")[0], data=consent, allow_redirects=False, timeout=10)
    redirect = dict(parse_qsl(urlsplit(answer.headers["Location"]).query))
    callback = {key: redirect[key] for key in ("state", "code", "scope")}
    assert requests.post(f"{base}/link/callback", json=callback, headers=headers, timeout=30).ok
    return base


def runs_of_athlete(suite, athlete_id: int) -> int:
    stats = requests.get(
        f"{suite.sandbox_url}/_sandbox/athletes/{athlete_id}", headers=suite.sandbox_admin(), timeout=10
    )
    return stats.json()["stats"]["runs"]


def strava_runs_stored(suite, user_id: int) -> int:
    headers = suite.token(suite.dashboard, "runnerly-data", "runs:read", subject=user_id)
    answer = requests.get(
        f"{suite.gateway}/api/data/users/{user_id}/runs",
        params={"source": "strava", "per_page": 1},
        headers=headers,
        timeout=10,
    )
    return answer.json()["total"]


def wait_for_backfill(suite, user_id: int, base: str, timeout: float = 240) -> dict:
    headers = suite.token(suite.dashboard, "runnerly-strava", LINK_SCOPES, subject=user_id)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        backfill = requests.get(base, headers=headers, timeout=10).json()["backfill"]
        if backfill["state"] == "done":
            return backfill
        time.sleep(2)
    raise AssertionError(f"the backfill did not finish: {backfill}")


def workers_that_ran_tasks(suite) -> set[str]:
    busy = set()
    for worker in suite.compose.containers("strava-worker"):
        logs = run("docker", "logs", worker.name, check=False)
        if "succeeded in" in logs.stdout + logs.stderr:
            busy.add(worker.name)
    return busy


def test_the_demo_athlete_links_and_the_backfill_completes_across_three_workers(scaled):
    user_id = create_runner(scaled, "strava-demo")
    base = link(scaled, user_id, athlete_id=1)
    backfill = wait_for_backfill(scaled, user_id, base)
    expected = runs_of_athlete(scaled, 1)
    assert backfill["done"] == backfill["total"] == expected > 0
    assert strava_runs_stored(scaled, user_id) == expected
    assert len(workers_that_ran_tasks(scaled)) >= 2, "the workers do not share the queue"


def backfill_pages(logs: str, what: str) -> set[str]:
    return set(re.findall(rf"strava\.backfill_page\[([0-9a-f-]+)\] {what}", logs))


def worker_logs(suite, since: float) -> dict[str, str]:
    logs = {}
    for worker in suite.compose.containers("strava-worker"):
        said = run("docker", "logs", "--since", str(int(since)), worker.name, check=False)
        logs[worker.name] = said.stdout + said.stderr
    return logs


def worker_holding_the_backfill(suite, since: float, timeout: float = 60) -> tuple[str, str]:
    """A worker, and the backfill page it has received and not yet finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, logs in worker_logs(suite, since).items():
            held = backfill_pages(logs, "received") - backfill_pages(logs, "(?:succeeded|retry|raised)")
            if held:
                return name, held.pop()
        time.sleep(0.2)
    raise AssertionError("no worker was seen holding a backfill page")


def survivor_ran(suite, since: float, victim: str, page: str, timeout: float = 180) -> dict[str, str]:
    """The workers' logs once a worker other than ``victim`` has run ``page``. RabbitMQ gives
    a dead consumer's message back when it sees the connection drop, at the latest after
    two missed heartbeats (60 s each)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logs = worker_logs(suite, since)
        if any(page in backfill_pages(said, "succeeded") for name, said in logs.items() if name != victim):
            return logs
        time.sleep(1)
    raise AssertionError(f"the page was not given back within {timeout:.0f} s")


def test_a_worker_killed_mid_backfill_loses_nothing(scaled):
    user_id = create_runner(scaled, "strava-second")
    faults = f"{scaled.sandbox_url}/_sandbox/faults"
    # Slow Strava down, so the backfill is surely under way when its worker dies: on a busy
    # machine, reading the logs and killing the container can take seconds, and a page that
    # finished first would leave nothing to give back. Under the client's 20 s read timeout.
    requests.post(
        faults, json={"latency_ms": 6000}, headers=scaled.sandbox_admin(), timeout=10
    ).raise_for_status()
    try:
        since = time.time() - 1
        base = link(scaled, user_id, athlete_id=2)
        victim, page = worker_holding_the_backfill(scaled, since)
        run("docker", "kill", "--signal", "KILL", victim)
    finally:
        requests.delete(faults, headers=scaled.sandbox_admin(), timeout=10).raise_for_status()
    backfill = wait_for_backfill(scaled, user_id, base)  # the other two workers finish it
    expected = runs_of_athlete(scaled, 2)
    assert backfill["done"] == expected
    assert strava_runs_stored(scaled, user_id) == expected
    # The victim may have committed its page and sent the next one before it died: then the
    # backfill ends first, and the redelivered page (a no-op by then) runs afterwards. The
    # victim stays down until a survivor has run it, so that it cannot take the page itself.
    logs = survivor_ran(scaled, since, victim, page)
    run("docker", "start", victim)
    assert page not in backfill_pages(logs[victim], "succeeded"), "the kill came after the page"
