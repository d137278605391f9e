"""Strava misbehaving during a backfill, and webhooks delivered again and out of order."""

from __future__ import annotations

import requests
from integration.suite import wait_until

from runnerly_strava.webhooks.intake import subscribe

from .conftest import assert_every_run_once


def test_a_window_of_429s_then_5xx_bursts_then_slow_answers_lose_and_double_nothing(suite, worker):
    # Injected faults are taken in order: every 429 first, then the server errors; the
    # latency applies to every answer, the last ones included. Injected 429s carry no spent
    # window in their headers, so the worker backs off exponentially (a 429 that shows a
    # spent window defers to the window's reset, a quarter hour: tests/unit cover that);
    # six in a row already back off for about ten seconds.
    faults = {"rate_limited": 6, "server_errors": 6, "server_error_status": 503, "latency_ms": 500}
    suite.sandbox.admin("POST", "/faults", json=faults)
    suite.sandbox.admin("DELETE", "/requests")
    runner = suite.new_runner()
    suite.link(runner, athlete_id=3)
    suite.wait_for_backfill(runner, timeout=240)
    statuses = suite.sandbox.admin("GET", "/requests").json()["by_status"]
    assert (statuses.get("429"), statuses.get("503")) == (6, 6)
    assert_every_run_once(suite, runner, 3)


def _linked(suite, app_url, athlete_id: int) -> int:
    with suite.runtime.sessions() as session:
        subscribe(session, suite.runtime, app_url)
    runner = suite.new_runner()
    suite.link(runner, athlete_id=athlete_id)
    suite.wait_for_backfill(runner)
    return runner


def _callback(suite) -> str:
    return suite.sandbox.admin("GET", "/webhooks").json()["subscriptions"][0]["callback_url"]


def _deliver(suite, event: dict) -> None:
    answer = requests.post(_callback(suite), json=event, timeout=10)
    assert (answer.status_code, answer.json()) == (200, {"received": True})


def _event(suite, activity_id: int, aspect_type: str, **updates) -> dict:
    subscription = suite.sandbox.admin("GET", "/webhooks").json()["subscriptions"][0]
    return {
        "object_type": "activity",
        "object_id": activity_id,
        "aspect_type": aspect_type,
        "updates": updates,
        "owner_id": 2,
        "subscription_id": subscription["id"],
        "event_time": 1_700_000_000,
    }


def _quiet_new_run(suite) -> int:
    """A new run on Strava whose webhooks the test delivers itself, in the order it chooses."""
    sandbox = suite.sandbox.sandbox
    activity, _change = sandbox.activities.create({"athlete_id": 2, "sport_type": "Run"}, sandbox.clock())
    return activity.id


def _run(suite, runner: int, activity_id: int) -> dict | None:
    return next((r for r in suite.strava_runs(runner) if r["source_id"] == str(activity_id)), None)


def test_a_create_event_delivered_five_times_stores_the_run_once(suite, worker, app_url):
    runner = _linked(suite, app_url, athlete_id=2)
    created = _quiet_new_run(suite)
    for _ in range(5):
        _deliver(suite, _event(suite, created, "create"))
    wait_until(lambda: _run(suite, runner, created), timeout=60, what="the new run")
    assert_every_run_once(suite, runner, 2)


def test_an_update_delivered_before_its_create_ends_with_the_updated_run_once(suite, worker, app_url):
    runner = _linked(suite, app_url, athlete_id=2)
    created = _quiet_new_run(suite)
    suite.sandbox.sandbox.activities.update(created, {"name": "Renamed"})
    _deliver(suite, _event(suite, created, "update", title="Renamed"))
    _deliver(suite, _event(suite, created, "create"))
    run = wait_until(
        lambda: (run := _run(suite, runner, created)) and run["name"] == "Renamed" and run,
        timeout=60,
        what="the renamed run",
    )
    assert run["name"] == "Renamed"
    assert_every_run_once(suite, runner, 2)
