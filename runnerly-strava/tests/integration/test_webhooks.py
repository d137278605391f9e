"""Edits, deletions and a deauthorization on Strava reach the data service by webhook;
forged events, posted to the callback URL by someone who learned it, change nothing and
cost at most the athlete's allowance of Strava calls."""

from __future__ import annotations

import time

import pytest
import requests

from runnerly_strava.links.models import Link
from runnerly_strava.webhooks.intake import subscribe
from runnerly_strava.webhooks.models import Subscription, WebhookEvent

from .conftest import EVENTS_PER_MINUTE
from .suite import wait_until


@pytest.fixture
def linked(suite, worker, app_url):
    with suite.runtime.sessions() as session:
        subscribe(session, suite.runtime, app_url)
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


def test_strava_delivers_to_the_secret_path_only(suite, linked, app_url, settings):
    secret = settings.webhook_path_secret.get_secret_value()
    assert _subscription(suite)["callback_url"] == f"{app_url}/webhook/{secret}"
    with suite.runtime.sessions() as session:
        stored = [row.callback_url for row in session.query(Subscription)]
    assert stored
    assert all(secret not in url for url in stored)  # the secret stays at Strava
    forged = _event(suite, object_id=_some_run(suite, 2), aspect_type="delete")
    assert requests.post(f"{app_url}/webhook", json=forged, timeout=10).status_code in (404, 405)


def test_a_forged_delete_changes_nothing_and_costs_one_strava_call(suite, linked):
    activity_id = _some_run(suite, 2, 4)
    calls = _strava_calls_after(suite, lambda: _forge(suite, object_id=activity_id, aspect_type="delete"))
    assert _run_of(suite, linked, activity_id) is not None
    assert [call["path"].split("?")[0] for call in calls] == [f"/api/v3/activities/{activity_id}"]


def test_a_forged_deauthorization_changes_nothing_and_costs_one_strava_call(suite, linked):
    runs = len(suite.strava_runs(linked))
    forged = {"object_type": "athlete", "object_id": 2, "updates": {"authorized": "false"}}
    calls = _strava_calls_after(suite, lambda: _forge(suite, **forged))
    assert suite.status(linked).json()["status"] == "active"
    assert len(suite.strava_runs(linked)) == runs
    assert [call["path"].split("?")[0] for call in calls] == ["/api/v3/athlete"]


def test_a_forged_create_flood_costs_no_more_strava_calls_than_the_allowance(suite, linked):
    runs = len(suite.strava_runs(linked))

    def flood() -> list[int]:
        return [_forge(suite, object_id=9_000_000_000 + n, aspect_type="create") for n in range(30)]

    started = time.time()
    calls = _strava_calls_after(suite, flood)
    minutes = int(time.time() // 60 - started // 60) + 1  # the allowance is per clock minute
    assert len(calls) <= EVENTS_PER_MINUTE * minutes < 30
    assert len(suite.strava_runs(linked)) == runs


def _subscription(suite) -> dict:
    return suite.sandbox.admin("GET", "/webhooks").json()["subscriptions"][0]


def _event(suite, **fields) -> dict:
    event = {"object_type": "activity", "aspect_type": "update", "updates": {}, "owner_id": 2}
    return {**event, "subscription_id": _subscription(suite)["id"], "event_time": int(time.time()), **fields}


def _forge(suite, **fields) -> int:
    """Post a forged event to the callback URL, as Strava would; the event posted."""
    event = _event(suite, **fields)
    answer = requests.post(_subscription(suite)["callback_url"], json=event, timeout=10)
    assert (answer.status_code, answer.json()) == (200, {"received": True})
    return event


def _strava_calls_after(suite, forge) -> list[dict]:
    """The Strava calls made from the moment ``forge`` posts its events until a worker
    has handled or deferred every one of them."""
    since = suite.sandbox.admin("GET", "/requests").json()["total"]
    forged = forge()
    events = forged if isinstance(forged, list) else [forged]
    wait_until(lambda: all(_dealt_with(suite, event) for event in events), timeout=30, what="the workers")
    return suite.sandbox.admin("GET", "/requests", params={"since": since}).json()["requests"]


def _dealt_with(suite, event: dict) -> bool:
    with suite.runtime.sessions() as session:
        stored = (
            session.query(WebhookEvent)
            .filter_by(
                object_id=event["object_id"], aspect_type=event["aspect_type"], event_time=event["event_time"]
            )
            .one_or_none()
        )
        return stored is not None and (stored.processed_at or stored.deferred_at) is not None
