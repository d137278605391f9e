"""Locust scenario: the suite's traffic through the gateway.

- runners browsing the dashboard's API pages with a session cookie (runs, statistics,
  records, fitness, plans);
- API clients with a service token, listing and writing runs;
- Strava delivering webhook events;
- files uploaded to the import service.

``loadtest/run.py`` starts the suite and passes what the users need (tokens, the demo
password, ids, the webhook path) in the file named by ``RUNNERLY_LOAD_CONTEXT``. An answer
of 500 or more is a failure named ``5xx``; any other unexpected status is a failure too.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, task

CONTEXT = json.loads(open(os.environ["RUNNERLY_LOAD_CONTEXT"]).read())  # noqa: SIM115 — read once
_written = itertools.count()
STAMP = "%Y-%m-%dT%H:%M:%SZ"
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="loadtest" xmlns="http://www.topografix.com/GPX/1/1">
<trk><type>running</type><trkseg>
<trkpt lat="48.8566" lon="2.3522"><time>{start}</time></trkpt>
<trkpt lat="48.8666" lon="2.3522"><time>{end}</time></trkpt>
</trkseg></trk></gpx>
"""


def _check(response, *expected: int) -> None:
    if response.status_code >= 500:
        response.failure(f"5xx: {response.status_code}")
    elif response.status_code not in expected:
        response.failure(f"unexpected {response.status_code}: {response.text[:200]}")
    else:
        response.success()


def _call(client, method: str, path: str, name: str, *expected: int, **kwargs) -> None:
    with client.request(method, path, name=name, catch_response=True, **kwargs) as response:
        _check(response, *(expected or (200,)))


class Runner(HttpUser):
    """A runner on the dashboard: logs in once, then browses."""

    weight = 4
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.client.get("/api/session", name="/api/session")
        body = {"email": random.choice(CONTEXT["runner_emails"]), "password": CONTEXT["password"]}  # noqa: S311
        headers = {"X-CSRF-Token": self.client.cookies.get("runnerly_csrf", "")}
        _call(self.client, "POST", "/api/login", "/api/login", json=body, headers=headers)

    @task(4)
    def runs(self) -> None:
        _call(self.client, "GET", "/api/runs?per_page=20", "/api/runs")

    @task(2)
    def stats(self) -> None:
        _call(self.client, "GET", "/api/stats/weekly", "/api/stats/[period]")

    @task
    def records(self) -> None:
        _call(self.client, "GET", "/api/records", "/api/records")

    @task
    def fitness(self) -> None:
        _call(self.client, "GET", "/api/fitness", "/api/fitness")

    @task
    def plans(self) -> None:
        _call(self.client, "GET", "/api/plans", "/api/plans")


class ApiClient(HttpUser):
    """A developer's program: lists a runner's runs and writes new ones."""

    weight = 3
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Bearer {CONTEXT['data_token']}"}
        self.runs = f"/api/data/users/{CONTEXT['api_user']}/runs"

    @task(3)
    def list_runs(self) -> None:
        path = f"{self.runs}?per_page=50&sort=-start_time"
        _call(self.client, "GET", path, "/api/data/.../runs", headers=self.headers)

    @task
    def write_run(self) -> None:
        # Runs that do not overlap: a new 7-minute slot for each write.
        start = datetime(2026, 1, 1, 6, tzinfo=UTC) + timedelta(minutes=next(_written) * 7)
        run = {"start_time": start.isoformat(), "distance_m": 5000, "moving_time_s": 1500, "name": "Load run"}
        _call(self.client, "POST", self.runs, "POST /api/data/.../runs", 201, json=run, headers=self.headers)


class Strava(HttpUser):
    """Strava's webhook deliveries: activity updates of the sandbox's demo athlete."""

    weight = 1
    wait_time = between(0.2, 1.0)

    @task
    def deliver(self) -> None:
        event = {
            "object_type": "activity",
            "object_id": random.randint(1, 10**9),  # noqa: S311
            "aspect_type": "update",
            "updates": {"title": "Renamed"},
            "owner_id": 999_999,  # no linked runner: received, queued and dropped
            "subscription_id": CONTEXT["subscription_id"],
            "event_time": 1_700_000_000,
        }
        _call(self.client, "POST", CONTEXT["webhook_path"], "/api/strava/webhook/[secret]", json=event)


class Uploader(HttpUser):
    """A runner's GPX files, uploaded to the import service."""

    weight = 1
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Bearer {CONTEXT['import_token']}"}

    @task
    def upload(self) -> None:
        start = datetime(2025, 1, 1, 6, tzinfo=UTC) + timedelta(hours=random.randint(0, 8000))  # noqa: S311
        end = start + timedelta(minutes=6)
        body = GPX.format(start=start.strftime(STAMP), end=end.strftime(STAMP))
        files = {"file": ("run.gpx", body.encode(), "application/gpx+xml")}
        path = f"/api/import/users/{CONTEXT['api_user']}/imports"
        name = "POST /api/import/.../imports"
        _call(self.client, "POST", path, name, 201, 202, files=files, headers=self.headers)
