"""Deleting the account leaves nothing anywhere, checked against the real services: the
data service, the Strava service (with its worker and the sandbox standing in for Strava)
and the training service, each with its users.deleted consumer, on RabbitMQ."""

from __future__ import annotations

import secrets
import uuid
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from sqlalchemy import create_engine, text

from runnerly_core.testing import fresh_database_url
from runnerly_core.testing_suite import console_process, free_port, service_env, service_process, wait_until

SANDBOX_APP = "12345"
ATHLETE = 1


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    return tmp_path_factory.mktemp("suite-logs")


@pytest.fixture(scope="module")
def sandbox_url(logs):
    port = free_port()
    secret = secrets.token_urlsafe(16)
    argv = [
        "runnerly-strava-sandbox",
        "--port",
        str(port),
        "--client-id",
        SANDBOX_APP,
        "--client-secret",
        secret,
    ]
    url = f"http://127.0.0.1:{port}"
    with console_process(
        [*argv, "--activities", "60"], {}, logs / "sandbox.log", ready_url=f"{url}/_sandbox/athletes"
    ):
        yield url, secret


@pytest.fixture(scope="module")
def training(tmp_path_factory, token_url, issuer, data_url, broker_url, logs):
    database = fresh_database_url("runnerly-dashboard-training", tmp_path_factory.mktemp("training"))
    env = {
        **service_env("TRAINING", database, token_url, issuer),
        "RUNNERLY_TRAINING_DATA_URL": data_url,
        "RUNNERLY_TRAINING_CLIENT_SECRET": "test",
        "RUNNERLY_TRAINING_BROKER_URL": broker_url,
    }
    with (
        service_process("training", env, logs) as url,
        console_process(["runnerly-training", "forget-users"], env, logs / "training-forget.log"),
    ):
        yield url, database


@pytest.fixture(scope="module")
def strava(tmp_path_factory, token_url, issuer, data_url, broker_url, sandbox_url, logs):
    sandbox, secret = sandbox_url
    folder = tmp_path_factory.mktemp("strava")
    database = fresh_database_url("runnerly-dashboard-strava", folder)
    env = {
        **service_env("STRAVA", database, token_url, issuer),
        "RUNNERLY_STRAVA_ENVIRONMENT": "development",  # secrets generated into the folder
        "RUNNERLY_STRAVA_DEV_SECRETS_FILE": str(folder / "secrets.json"),
        "RUNNERLY_STRAVA_BROKER_URL": broker_url,
        "RUNNERLY_STRAVA_QUEUE_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "RUNNERLY_STRAVA_DATA_URL": data_url,
        "RUNNERLY_STRAVA_SUITE_CLIENT_ID": "runnerly-strava",
        "RUNNERLY_STRAVA_SUITE_CLIENT_SECRET": "test",
        "RUNNERLY_STRAVA_CLIENT_ID": SANDBOX_APP,
        "RUNNERLY_STRAVA_CLIENT_SECRET": secret,
        "RUNNERLY_STRAVA_API_URL": f"{sandbox}/api/v3",
        "RUNNERLY_STRAVA_OAUTH_URL": f"{sandbox}/oauth",
    }
    worker = ["runnerly-strava", "worker", "--concurrency", "1", "--pool", "solo"]
    with (
        service_process("strava", env, logs) as url,
        console_process(worker, env, logs / "strava-worker.log"),
        console_process(["runnerly-strava", "consume-events"], env, logs / "strava-events.log"),
    ):
        yield url, database


@pytest.fixture
def real_services(settings, monkeypatch, strava, training):
    monkeypatch.setattr(settings, "strava_url", strava[0])
    monkeypatch.setattr(settings, "training_url", training[0])


def link_the_sandbox_athlete(runner, sandbox: str) -> None:
    start = runner.post("/api/strava/link").json
    consent = {
        **dict(parse_qsl(urlsplit(start["authorize_url"]).query)),
        "athlete_id": ATHLETE,
        "decision": "authorize",
    }
    answer = requests.post(f"{sandbox}/oauth/authorize", data=consent, allow_redirects=False, timeout=10)
    redirect = dict(parse_qsl(urlsplit(answer.headers["Location"]).query))
    runner.post("/api/strava/link/callback", {key: redirect[key] for key in ("state", "code", "scope")})


def rows(database: str, query: str, user_id: int) -> int:
    engine = create_engine(database)
    with engine.connect() as connection:
        count = connection.execute(text(query), {"user_id": user_id}).scalar()
    engine.dispose()
    return count


STRAVA_ROWS = (
    "SELECT (SELECT count(*) FROM links WHERE user_id = :user_id)"
    " + (SELECT count(*) FROM synced_activities WHERE user_id = :user_id)"
)
TRAINING_ROWS = (
    "SELECT (SELECT count(*) FROM training_snapshots WHERE user_id = :user_id)"
    " + (SELECT count(*) FROM run_splits WHERE user_id = :user_id)"
    " + (SELECT count(*) FROM processed_events WHERE user_id = :user_id)"
)


def test_deleting_the_account_leaves_nothing_in_any_service(
    runner, real_services, sandbox_url, strava, training, data_as
):
    sandbox = sandbox_url[0]
    user_id = runner.get("/api/me").json["user_id"]
    link_the_sandbox_athlete(runner, sandbox)
    wait_until(
        lambda: runner.get("/api/strava").json["link"]["backfill"]["state"] == "done",
        timeout=90,
        what="the backfill",
    )
    assert runner.get("/api/runs").json["total"] > 0
    runner.get("/api/fitness")  # the training service caches the runner's fitness
    assert rows(strava[1], STRAVA_ROWS, user_id) > 0
    assert rows(training[1], TRAINING_ROWS, user_id) > 0
    requests.delete(f"{sandbox}/_sandbox/requests", timeout=5)

    runner.write("DELETE", "/api/me", status=204)

    assert data_as(user_id, "GET", f"/users/{user_id}").status_code == 404
    wait_until(lambda: rows(strava[1], STRAVA_ROWS, user_id) == 0, what="the Strava service to forget")
    wait_until(lambda: rows(training[1], TRAINING_ROWS, user_id) == 0, what="the training service to forget")
    calls = requests.get(f"{sandbox}/_sandbox/requests", timeout=5).json()["requests"]
    assert [call["status"] for call in calls if call["path"] == "/oauth/deauthorize"] == [200]
    runner.get("/api/me", status=401)
