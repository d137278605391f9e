"""Fixtures of every import test: the app built once per session on a fresh database, every
test rolled back, jobs recorded instead of sent (the integration suite sends them), and
the real data service in a subprocess with a token endpoint in front of it (the issuer,
the token endpoint, the client and the roll-back are runnerly_core.pytest_plugin's)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from runnerly_core.db import upgrade
from runnerly_core.testing import TestIssuer, fresh_database_url, load_hypothesis_profile
from runnerly_core.testing_suite import data_service
from runnerly_import.access import RUNTIME
from runnerly_import.app import create_app
from runnerly_import.cli import MIGRATIONS
from runnerly_import.extensions import db
from runnerly_import.settings import SERVICE, ImportSettings

load_hypothesis_profile()


class RecordedJobs:
    """:class:`runnerly_import.runtime.Jobs` that only remembers what was asked."""

    def __init__(self) -> None:
        self.sent: list[list[int]] = []

    def import_files(self, job_ids: list[int]) -> None:
        self.sent.append(list(job_ids))


@pytest.fixture(scope="session")
def data_url(tmp_path_factory, token_url, issuer) -> Iterator[str]:
    database = fresh_database_url("runnerly-import-data", tmp_path_factory.mktemp("data"))
    with data_service(database, token_url, issuer, tmp_path_factory.mktemp("logs")) as url:
        yield url


def import_settings(database_url: str, data_url: str, token_url: str, issuer: TestIssuer, **overrides):
    return ImportSettings(
        environment="test",
        database_url=database_url,
        broker_url="memory://",
        data_url=data_url,
        token_url=f"{token_url}/oauth/token",
        token_issuer=issuer.issuer,
        jwks_url=f"{token_url}/.well-known/jwks.json",
        client_id="runnerly-import",
        client_secret="test",
        validate_responses=True,
        log_json=False,
        retry_backoff_seconds=0.2,
        **overrides,
    )


@pytest.fixture(scope="session")
def settings(tmp_path_factory, data_url, token_url, issuer) -> ImportSettings:
    url = fresh_database_url(SERVICE, tmp_path_factory.mktemp("db"))
    upgrade(url, MIGRATIONS)
    # Small limits, so that the tests can reach them with small files.
    limits = {"max_upload_bytes": 3_000_000, "max_file_bytes": 1_500_000, "max_archive_members": 50}
    return import_settings(url, data_url, token_url, issuer, **limits)


@pytest.fixture(scope="session")
def connexion_app(settings, issuer):
    app = create_app(settings, jobs=RecordedJobs())
    issuer.trusted_by(app)
    return app


@pytest.fixture
def runtime(connexion_app):
    runtime = connexion_app.app.extensions[RUNTIME]
    runtime.jobs.sent.clear()
    return runtime


@pytest.fixture(scope="session")
def service_database():
    """Each test's writes are rolled back (runnerly_core.pytest_plugin)."""
    return db


class Runners:
    """Runners and their runs in the real data service."""

    def __init__(self, data_url: str, issuer: TestIssuer) -> None:
        self.url = data_url
        token = issuer.service_token(
            "test", audience="runnerly-data", scope="users:write runs:read runs:write"
        )
        self.headers = {"Authorization": f"Bearer {token}"}

    def new(self) -> int:
        body = {"email": f"runner-{uuid.uuid4().hex[:10]}@example.org", "timezone": "Europe/Paris"}
        answer = requests.post(f"{self.url}/users", json=body, headers=self.headers, timeout=10)
        answer.raise_for_status()
        return answer.json()["id"]

    def runs(self, user_id: int) -> list[dict]:
        answer = requests.get(
            f"{self.url}/users/{user_id}/runs", params={"per_page": 200}, headers=self.headers, timeout=10
        )
        answer.raise_for_status()
        return answer.json()["items"]

    def run(self, user_id: int, run_id: int) -> dict:
        answer = requests.get(f"{self.url}/users/{user_id}/runs/{run_id}", headers=self.headers, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def add_strava_run(self, user_id: int, **fields) -> dict:
        run = {"source": "strava", "source_id": uuid.uuid4().hex[:12], **fields}
        answer = requests.post(
            f"{self.url}/users/{user_id}/runs/bulk", json={"runs": [run]}, headers=self.headers, timeout=10
        )
        answer.raise_for_status()
        return answer.json()["runs"][0]


@pytest.fixture(scope="session")
def runners(data_url, issuer) -> Runners:
    return Runners(data_url, issuer)


@pytest.fixture
def user_headers(issuer):
    def headers(user_id: int, scope: str = "imports:write imports:read") -> dict:
        return {"Authorization": f"Bearer {issuer.user_token(user_id, audience=SERVICE, scope=scope)}"}

    return headers
