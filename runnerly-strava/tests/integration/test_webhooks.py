"""Edits, deletions and a deauthorization on Strava reach the data service by webhook."""

from __future__ import annotations

import pytest
import requests

from runnerly_strava.links.models import Link
from runnerly_strava.webhooks.intake import subscribe
from runnerly_strava.webhooks.models import WebhookEvent

from .suite import wait_until


@pytest.fixture
def linked(suite, worker, app_url):
    with suite.runtime.sessions() as session:
        subscribe(session, suite.runtime, f"{app_url}/webhook")
    runner = suite.new_runner()
    suite.link(runner, athlete_id=2)
    suite.wait_for_backfill(runner)
    return runner


def _run_of(suite, runner: int, activity_id: int) -> dict | None:
    return next((run for run in suite.strava_runs(runner) if run["source_id"] == str(activity_id)), None)


def _some_run(suite, athlete_id: int, index: int = 0) -> int:
    store = suite.sandbox.sandbox.activities
    return [a.id for a in store.of_athlete(athlete_id, True) if a.is_run][index]


def test_an_edit_on_strava_updates_the_run(suite, linked):
    activity_id = _some_run(suite, 2)
    suite.sandbox.admin("PATCH", f"/activities/{activity_id}", json={"name": "Renamed on Strava"})
    wait_until(
        lambda: (_run_of(suite, linked, activity_id) or {}).get("name") == "Renamed on Strava",
        timeout=30,
        what="the renamed run",
    )


def test_a_run_that_becomes_a_ride_is_deleted(suite, linked):
    activity_id = _some_run(suite, 2, 1)
    suite.sandbox.admin("PATCH", f"/activities/{activity_id}", json={"sport_type": "Ride"})
    wait_until(lambda: _run_of(suite, linked, activity_id) is None, timeout=30, what="the run deleted")


def test_a_deletion_on_strava_deletes_the_run_and_a_new_run_arrives(suite, linked):
    deleted = _some_run(suite, 2, 2)
    suite.sandbox.admin("DELETE", f"/activities/{deleted}")
    created = suite.sandbox.admin("POST", "/activities", json={"athlete_id": 2, "sport_type": "Run"}).json()
    wait_until(lambda: _run_of(suite, linked, deleted) is None, timeout=30, what="the run deleted")
    wait_until(lambda: _run_of(suite, linked, created["id"]), timeout=30, what="the new run")


def test_the_same_event_delivered_twice_is_stored_once(suite, linked):
    suite.sandbox.admin("PATCH", f"/activities/{_some_run(suite, 2, 3)}", json={"name": "Twice"})
    report = wait_until(lambda: _delivered_twice(suite), timeout=30, what="both deliveries")
    with suite.runtime.sessions() as session:
        stored = session.query(WebhookEvent).filter_by(object_id=report["object_id"]).count()
    assert stored == 1


def _delivered_twice(suite) -> dict | None:
    deliveries = suite.sandbox.admin("GET", "/webhooks").json()["deliveries"]
    copies = [d for d in deliveries if d["delivered"] and d["event"]["updates"].get("title") == "Twice"]
    return copies[0]["event"] if len(copies) >= 2 else None


def test_a_deauthorization_unlinks_and_deletes_the_strava_runs(suite, linked):
    with suite.runtime.sessions() as session:
        token = suite.runtime.cipher.open(session.get(Link, linked).access_token)
    requests.post(
        suite.sandbox.url("/oauth/deauthorize"), headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    wait_until(lambda: suite.status(linked).status_code == 404, timeout=30, what="the link removed")
    assert suite.strava_runs(linked) == []
