"""The runbook's PostgreSQL backup and restore, done for real on the data service's database:
``pg_dump -Fc`` of a database with a runner and runs written through the API, then
``pg_restore`` into a fresh database, then the API on the restored database answers the
same runner and runs, and its migrations have nothing left to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from runnerly_core.db import upgrade
from runnerly_core.testing import TestIssuer, fresh_database_url
from runnerly_data.app import create_app
from runnerly_data.cli import MIGRATIONS
from runnerly_data.settings import SERVICE, DataSettings

SCOPES = "users:read users:write runs:read runs:write"


def _postgres_or_skip() -> None:
    if not os.environ.get("RUNNERLY_TEST_DATABASE_URL", "").startswith("postgresql"):
        if os.environ.get("CI"):
            pytest.fail("RUNNERLY_TEST_DATABASE_URL must name PostgreSQL for the restore test")
        pytest.skip("no PostgreSQL (RUNNERLY_TEST_DATABASE_URL)")
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing (apt-get install postgresql-client)")


def pg_tool(name: str, *arguments: str) -> None:
    """The runbook's command, as an operator types it."""
    subprocess.run([shutil.which(name), *arguments], check=True, capture_output=True)  # noqa: S603


def libpq(url: str) -> str:
    """The SQLAlchemy URL as the PostgreSQL tools take it."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def client_for(database_url: str, issuer: TestIssuer):
    settings = DataSettings(
        environment="test", database_url=database_url, token_issuer=issuer.issuer, log_json=False
    )
    app = create_app(settings)
    issuer.trusted_by(app)
    return app.test_client()


def snapshot(client, headers: dict, user_id: int) -> tuple[dict, list[dict]]:
    user = client.get(f"/users/{user_id}", headers=headers).json()
    runs = client.get(f"/users/{user_id}/runs", params={"per_page": 100}, headers=headers).json()["items"]
    return user, runs


def test_a_dump_restored_into_a_fresh_database_serves_the_same_runs(tmp_path: Path):
    _postgres_or_skip()
    issuer = TestIssuer()
    headers = {"Authorization": f"Bearer {issuer.service_token('ops', audience=SERVICE, scope=SCOPES)}"}
    original = fresh_database_url("runnerly-backup-source", tmp_path)
    upgrade(original, MIGRATIONS)
    client = client_for(original, issuer)
    user_id = client.post(
        "/users", json={"email": f"r-{uuid.uuid4().hex[:8]}@example.org"}, headers=headers
    ).json()["id"]
    for day in range(1, 6):
        run = {
            "start_time": f"2026-11-0{day}T07:00:00Z",
            "distance_m": 5000 + day * 1000,
            "moving_time_s": 1800 + day * 300,
        }
        assert client.post(f"/users/{user_id}/runs", json=run, headers=headers).status_code == 201
    before = snapshot(client, headers, user_id)

    dump = tmp_path / "data.dump"
    pg_tool("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), libpq(original))
    restored = fresh_database_url("runnerly-backup-restored", tmp_path)
    pg_tool("pg_restore", "--no-owner", "--exit-on-error", "--dbname", libpq(restored), str(dump))

    after = snapshot(client_for(restored, issuer), headers, user_id)
    assert len(after[1]) == 5
    assert after == before
    assert _revision(restored) == _revision(original) is not None


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
