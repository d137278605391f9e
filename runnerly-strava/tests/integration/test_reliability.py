"""No run is lost or doubled by a 429 storm or a worker killed in the middle of a backfill;
details follow at low priority."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from runnerly_strava.sync.models import SyncedActivity

from .suite import wait_until

BIN = Path(sys.executable).parent


def _assert_every_run_once(suite, runner: int, athlete_id: int) -> None:
    runs = suite.strava_runs(runner)
    assert len(runs) == suite.athlete_stats(athlete_id)["runs"]
    assert len({run["source_id"] for run in runs}) == len(runs)


def test_a_429_storm_defers_work_and_loses_nothing(suite, worker):
    suite.sandbox.admin("POST", "/faults", json={"rate_limited": 5})
    runner = suite.new_runner()
    suite.link(runner, athlete_id=3)
    suite.wait_for_backfill(runner, timeout=120)
    assert suite.sandbox.admin("GET", "/requests").json()["by_status"]["429"] == 5
    _assert_every_run_once(suite, runner, 3)


def test_a_worker_killed_mid_backfill_is_replaced_and_nothing_is_lost(suite, settings, request, tmp_path):
    suite.sandbox.admin("POST", "/faults", json={"latency_ms": 400})
    runner = suite.new_runner()
    with (tmp_path / "worker.log").open("w") as log:
        doomed = _worker_process(settings, log)
        suite.link(runner, athlete_id=4)
        wait_until(
            lambda: suite.status(runner).json()["backfill"]["pages"] >= 1, timeout=60, what="a first page"
        )
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
    assert suite.status(runner).json()["backfill"]["state"] != "done"
    suite.sandbox.admin("DELETE", "/faults")
    request.getfixturevalue("worker")  # a new worker takes the message the dead one held
    suite.wait_for_backfill(runner, timeout=120)
    _assert_every_run_once(suite, runner, 4)


def test_details_follow_the_summaries_within_the_budget(suite, worker):
    suite.runtime.settings.fetch_details = True
    runner = suite.new_runner()
    suite.link(runner, athlete_id=2)
    suite.wait_for_backfill(runner)
    wait_until(lambda: _pending_details(suite, runner) == 0, timeout=60, what="every detail fetched")
    run = suite.strava_runs(runner)[0]
    detail = suite.runtime.data._client.get(f"/users/{runner}/runs/{run['id']}").json()
    assert detail["splits"]
    assert detail["laps"]
    assert detail["polyline"]


def _pending_details(suite, runner: int) -> int:
    with suite.runtime.sessions() as session:
        query = select(func.count()).where(
            SyncedActivity.user_id == runner, SyncedActivity.details == "pending"
        )
        return session.scalar(query)


def _worker_process(settings, log) -> subprocess.Popen:
    env = {**os.environ, **_environment(settings)}
    return subprocess.Popen(  # noqa: S603
        [str(BIN / "runnerly-strava"), "worker", "--pool", "solo", "--concurrency", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _environment(settings) -> dict[str, str]:
    secret = lambda value: value.get_secret_value()  # noqa: E731
    values = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": settings.database_url,
        "BROKER_URL": settings.broker_url,
        "QUEUE_PREFIX": settings.queue_prefix,
        "DATA_URL": settings.data_url,
        "TOKEN_URL": settings.token_url,
        "SUITE_CLIENT_ID": settings.client_id,
        "SUITE_CLIENT_SECRET": secret(settings.client_secret),
        "CLIENT_ID": settings.strava_client_id,
        "CLIENT_SECRET": secret(settings.strava_client_secret),
        "API_URL": settings.api_url,
        "OAUTH_URL": settings.oauth_url,
        "TOKEN_KEYS": secret(settings.token_keys),
        "STATE_SECRET": secret(settings.state_secret),
        "WEBHOOK_VERIFY_TOKEN": secret(settings.webhook_verify_token),
        "WEBHOOK_PATH_SECRET": secret(settings.webhook_path_secret),
        "FETCH_DETAILS": "false",
        "LOG_JSON": "false",
        "LOG_LEVEL": "INFO",
    }
    return {f"RUNNERLY_STRAVA_{name}": value for name, value in values.items()}


def test_a_spent_daily_window_is_shown_as_a_pause_until_strava_midnight(suite, worker):
    suite.sandbox.admin("PUT", "/rate-limits", json={"read": [100, 4]})
    runner = suite.new_runner()
    assert suite.link(runner, athlete_id=1).status_code == 201

    def paused():
        backfill = suite.status(runner).json()["backfill"]
        return backfill if backfill["state"] == "waiting" else None

    backfill = wait_until(paused, timeout=60, what="the backfill parked for the daily window")
    assert backfill["waiting"] == "rate_limit_daily"
    resumes_at = datetime.fromisoformat(backfill["resumes_at"].replace("Z", "+00:00"))
    assert resumes_at.timestamp() % 86400 == 0  # Strava's daily window resets at UTC midnight
    assert 0 < resumes_at.timestamp() - time.time() <= 86400
