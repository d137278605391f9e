"""Integration fixtures: the sandbox over HTTP, the real data service, a real RabbitMQ,
a real database, Celery workers started by the test session, and our app on a port.

Queues are namespaced per test session and purged between tests. A missing broker skips
these tests on a developer's machine and fails them in CI. The database is PostgreSQL when
``RUNNERLY_TEST_DATABASE_URL`` names one, else SQLite files (as ``make run`` uses them);
``make test`` runs the suite both ways.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.fernet import Fernet
from sqlalchemy import delete

import runnerly_strava.tasks  # noqa: F401 — registers the tasks with the Celery app
from runnerly_core.db import upgrade
from runnerly_core.testing import (
    fresh_database_url,
)
from runnerly_strava.app import create_app
from runnerly_strava.cli import MIGRATIONS
from runnerly_strava.database import worker_sessions
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.sandbox import SandboxConfig
from runnerly_strava.sandbox.testing import serve_sandbox
from runnerly_strava.settings import SERVICE, StravaSettings
from runnerly_strava.sync.models import RateWindow
from runnerly_strava.webhooks.models import AthleteEventWindow
from runnerly_strava.worker import CeleryJobs, celery_app, configure

from .suite import DataService, celery_worker, restartable_data_service, served, wait_until

ACTIVITY_COUNTS = {1: 1000, 2: 40, 3: 450, 4: 700}
EVENTS_PER_MINUTE = 5
CALLBACK = "http://localhost/strava/callback"


@pytest.fixture(scope="session")
def data_process(broker_url, tmp_path_factory, token_url, issuer) -> Iterator[DataService]:
    database = fresh_database_url("runnerly-strava-data", tmp_path_factory.mktemp("data"))
    with restartable_data_service(database, token_url, issuer, tmp_path_factory.mktemp("logs")) as service:
        yield service


@pytest.fixture(scope="session")
def data_url(data_process) -> str:
    return data_process.url


@pytest.fixture(scope="session")
def database_url(broker_url, tmp_path_factory) -> str:
    url = fresh_database_url("runnerly-strava-sync", tmp_path_factory.mktemp("strava"))
    upgrade(url, MIGRATIONS)
    return url


@pytest.fixture(scope="session")
def queue_prefix() -> str:
    return f"test-{uuid.uuid4().hex[:8]}.strava"


@pytest.fixture(scope="session")
def secrets() -> dict:
    return {
        "token_keys": Fernet.generate_key().decode(),
        "state_secret": uuid.uuid4().hex,
        "webhook_verify_token": uuid.uuid4().hex,
        "webhook_path_secret": uuid.uuid4().hex + uuid.uuid4().hex,
    }


@pytest.fixture
def sandbox() -> Iterator:
    config = SandboxConfig(
        activity_counts=ACTIVITY_COUNTS, webhook_timeout=2.0, webhook_retry_delay=0.2, duplicate_webhooks=True
    )
    with serve_sandbox(config) as running:
        yield running


@pytest.fixture
def settings(sandbox, database_url, broker_url, data_url, token_url, issuer, queue_prefix, secrets):
    return StravaSettings(
        environment="test",
        database_url=database_url,
        broker_url=broker_url,
        queue_prefix=queue_prefix,
        data_url=data_url,
        token_url=f"{token_url}/oauth/token",
        token_issuer=issuer.issuer,
        jwks_url=f"{token_url}/.well-known/jwks.json",
        suite_client_id="runnerly-strava",
        suite_client_secret="test",
        strava_client_id=sandbox.client_id,
        strava_client_secret=sandbox.client_secret,
        api_url=sandbox.url("/api/v3"),
        oauth_url=sandbox.url("/oauth"),
        redirect_uri=CALLBACK,
        fetch_details=False,
        webhook_events_per_athlete_minute=EVENTS_PER_MINUTE,
        retry_backoff_seconds=0.2,
        log_json=False,
        log_level="WARNING",
        **secrets,
    )


@pytest.fixture
def runtime(settings) -> Iterator[Runtime]:
    """The workers' runtime, bound to the Celery app; queues empty before and after."""
    sessions = worker_sessions(settings.database_url)
    built = Runtime.build(settings, sessions, CeleryJobs(celery_app))
    configure(celery_app, built)
    # Without heartbeats the test worker stops in a second instead of ten.
    celery_app.conf.broker_heartbeat = 0
    celery_app.control.purge()
    _fresh_state(built)
    yield built
    celery_app.control.purge()
    sessions.kw["bind"].dispose()


def _fresh_state(runtime: Runtime) -> None:
    """Each test has a new sandbox (athletes unlinked, rate counters at zero); our database
    is shared by the session, so it forgets links and counts (the athletes' allowances of
    webhook events too)."""
    with runtime.sessions() as session:
        session.execute(delete(Link))
        session.execute(delete(RateWindow))
        session.execute(delete(AthleteEventWindow))
        session.commit()


@pytest.fixture
def app_url(settings, runtime, issuer) -> Iterator[str]:
    app = create_app(settings, jobs=CeleryJobs(celery_app))
    issuer.trusted_by(app)
    with served(app) as url:
        yield url


@pytest.fixture
def worker(runtime) -> Iterator:
    with celery_worker(celery_app, concurrency=4) as running:
        yield running


class Suite:
    """What a test does to the suite: make runners, link them, read their runs."""

    def __init__(self, issuer, data_url, app_url, sandbox, runtime) -> None:
        self.issuer, self.data_url, self.app_url = issuer, data_url, app_url
        self.sandbox, self.runtime = sandbox, runtime

    def data_headers(self) -> dict:
        token = self.issuer.service_token("test", audience="runnerly-data", scope="users:write runs:read")
        return {"Authorization": f"Bearer {token}"}

    def user_headers(self, user_id: int) -> dict:
        token = self.issuer.user_token(user_id, audience=SERVICE, scope="strava:link strava:read")
        return {"Authorization": f"Bearer {token}"}

    def new_runner(self) -> int:
        body = {"email": f"runner-{uuid.uuid4().hex[:10]}@example.org", "timezone": "Europe/London"}
        answer = requests.post(f"{self.data_url}/users", json=body, headers=self.data_headers(), timeout=10)
        answer.raise_for_status()
        return answer.json()["id"]

    def link(self, user_id: int, athlete_id: int, scope: str = "read,activity:read_all") -> requests.Response:
        start = requests.post(
            f"{self.app_url}/users/{user_id}/strava/link", headers=self.user_headers(user_id), timeout=10
        ).json()
        back = self.consent(start["authorize_url"], athlete_id, scope)
        return requests.post(
            f"{self.app_url}/users/{user_id}/strava/link/callback",
            json=back,
            headers=self.user_headers(user_id),
            timeout=30,
        )

    def consent(self, authorize_url: str, athlete_id: int, scope: str) -> dict:
        query = {key: values[0] for key, values in parse_qs(urlsplit(authorize_url).query).items()}
        form = {**query, "athlete_id": str(athlete_id), "scope": scope, "decision": "authorize"}
        answer = requests.post(
            self.sandbox.url("/oauth/authorize"), data=form, allow_redirects=False, timeout=10
        )
        return {
            key: values[0] for key, values in parse_qs(urlsplit(answer.headers["Location"]).query).items()
        }

    def status(self, user_id: int) -> requests.Response:
        return requests.get(
            f"{self.app_url}/users/{user_id}/strava", headers=self.user_headers(user_id), timeout=10
        )

    def wait_for_backfill(self, user_id: int, timeout: float = 90) -> dict:
        def done():
            answer = self.status(user_id)
            return (
                answer.status_code == 200 and answer.json()["backfill"]["state"] == "done" and answer.json()
            )

        return wait_until(done, timeout=timeout, what="the backfill")

    def strava_runs(self, user_id: int) -> list[dict]:
        runs, page = [], 1
        while True:
            answer = requests.get(
                f"{self.data_url}/users/{user_id}/runs",
                params={"source": "strava", "per_page": 200, "page": page},
                headers=self.data_headers(),
                timeout=10,
            ).json()
            runs += answer["items"]
            if page * 200 >= answer["total"]:
                return runs
            page += 1

    def athlete_stats(self, athlete_id: int) -> dict:
        return self.sandbox.admin("GET", f"/athletes/{athlete_id}").json()["stats"]


@pytest.fixture
def suite(issuer, data_url, app_url, sandbox, runtime) -> Suite:
    return Suite(issuer, data_url, app_url, sandbox, runtime)
