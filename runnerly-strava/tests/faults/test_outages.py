"""The broker, then the data service, stopped for 30 s in the middle of a backfill: the
backfill finishes once they are back, and every run arrives exactly once."""

from __future__ import annotations

import time

from integration.suite import wait_until

from .conftest import assert_every_run_once

OUTAGE_SECONDS = 30
ATHLETE = 4  # 700 activities: four pages, so an outage falls in the middle


def _start_slow_backfill(suite) -> int:
    """A backfill slowed by Strava latency, past its first page."""
    suite.sandbox.admin("POST", "/faults", json={"latency_ms": 300})
    runner = suite.new_runner()
    assert suite.link(runner, athlete_id=ATHLETE).status_code == 201
    wait_until(lambda: suite.status(runner).json()["backfill"]["pages"] >= 1, timeout=60, what="a first page")
    return runner


def test_a_broker_stopped_for_30_seconds_mid_backfill_loses_and_doubles_nothing(
    suite, solo_worker, private_broker
):
    runner = _start_slow_backfill(suite)
    private_broker.stop()
    time.sleep(OUTAGE_SECONDS)
    private_broker.start()
    suite.sandbox.admin("DELETE", "/faults")
    status = suite.wait_for_backfill(runner, timeout=180)
    assert status["backfill"]["done"] == status["backfill"]["total"]
    assert_every_run_once(suite, runner, ATHLETE)


def test_the_data_service_down_for_30_seconds_mid_backfill_loses_and_doubles_nothing(
    suite, worker, data_process
):
    # The harness retries after 0.2 s, which spends the retries in a few seconds; retries
    # one second apart, doubling, outlast the outage as the 5 s default does in production.
    suite.runtime.settings.retry_backoff_seconds = 1.0
    runner = _start_slow_backfill(suite)
    data_process.stop()
    time.sleep(OUTAGE_SECONDS)
    data_process.start()
    suite.sandbox.admin("DELETE", "/faults")
    suite.wait_for_backfill(runner, timeout=180)
    assert_every_run_once(suite, runner, ATHLETE)
