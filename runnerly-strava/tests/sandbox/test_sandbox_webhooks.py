"""Push subscriptions: validation of the callback, events, retries, duplicates."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import requests

from runnerly_strava.sandbox import create_app, sandbox_of
from runnerly_strava.sandbox.testing import serve_sandbox

EVENT_FIELDS = {
    "object_type",
    "object_id",
    "aspect_type",
    "updates",
    "owner_id",
    "subscription_id",
    "event_time",
}


def _subscribe(strava, callback_url: str, **extra: str) -> requests.Response:
    form = {"client_id": strava.client_id, "client_secret": strava.client_secret,
            "callback_url": callback_url, "verify_token": "runnerly", **extra}  # fmt: skip
    return requests.post(strava.url("/api/v3/push_subscriptions"), data=form, timeout=10)


def _listed(strava) -> list[dict]:
    params = {"client_id": strava.client_id, "client_secret": strava.client_secret}
    return requests.get(strava.url("/api/v3/push_subscriptions"), params=params, timeout=10).json()


def _create_activity(strava, **fields) -> dict:
    answer = strava.admin("POST", "/activities", json={"athlete_id": 1, **fields})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_creating_a_subscription_validates_the_callback(strava, receiver):
    answer = _subscribe(strava, receiver.url)
    assert answer.status_code == 201
    [check] = receiver.validations
    assert check["hub.mode"] == "subscribe"
    assert check["hub.verify_token"] == "runnerly"
    assert len(check["hub.challenge"]) > 10
    [listed] = _listed(strava)
    assert listed["id"] == answer.json()["id"]
    assert listed["callback_url"] == receiver.url


@pytest.mark.parametrize("flaw", ["no echo", "wrong challenge", "too slow", "nobody there"])
def test_a_callback_that_does_not_echo_the_challenge_in_time_is_refused(strava, receiver, flaw):
    receiver.echo = flaw != "no echo"
    receiver.wrong_challenge = flaw == "wrong challenge"
    receiver.delay = 0.8 if flaw == "too slow" else 0.0  # the fixture's timeout is 0.5 s
    url = "http://127.0.0.1:9/nothing" if flaw == "nobody there" else receiver.url
    answer = _subscribe(strava, url)
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"resource": "PushSubscription", "field": "callback url",
                                        "code": "GET to callback URL does not return 200"}]  # fmt: skip
    assert _listed(strava) == []


def test_an_application_has_at_most_one_subscription(strava, subscribe, receiver):
    subscribe()
    second = _subscribe(strava, receiver.url)
    assert second.status_code == 400
    assert second.json()["errors"][0]["code"] == "already exists"


def test_deleting_a_subscription_frees_the_slot(strava, subscribe):
    subscription_id = subscribe()
    params = {"client_id": strava.client_id, "client_secret": strava.client_secret}
    url = strava.url(f"/api/v3/push_subscriptions/{subscription_id}")
    assert requests.delete(url, params=params, timeout=10).status_code == 204
    assert requests.delete(url, params=params, timeout=10).status_code == 404
    assert _listed(strava) == []
    subscribe()


def test_subscriptions_need_the_client_secret(strava, receiver):
    assert _subscribe(strava, receiver.url, client_secret="wrong").status_code == 401
    assert receiver.validations == []


def test_activity_changes_arrive_as_create_update_and_delete_events(
    strava, token, subscribe, receiver, wait_for
):
    subscription_id = subscribe()
    created = _create_activity(strava)
    strava.admin("PATCH", f"/activities/{created['id']}", json={"name": "Parkrun PB"})
    strava.admin("PATCH", f"/activities/{created['id']}", json={"sport_type": "Walk"})
    strava.admin("PATCH", f"/activities/{created['id']}", json={"private": True})
    strava.admin("PATCH", f"/activities/{created['id']}", json={"distance": 5000.0})
    strava.admin("DELETE", f"/activities/{created['id']}")
    wait_for(lambda: len(receiver.events()) == 6)
    events = receiver.events()
    assert all(set(e) - {"answered"} == EVENT_FIELDS for e in events)
    assert {(e["object_type"], e["object_id"], e["owner_id"], e["subscription_id"]) for e in events} == {
        ("activity", created["id"], 1, subscription_id)
    }
    assert [(e["aspect_type"], e["updates"]) for e in events] == [
        ("create", {}), ("update", {"title": "Parkrun PB"}), ("update", {"type": "Walk"}),
        ("update", {"private": "true"}), ("update", {}), ("delete", {}),
    ]  # fmt: skip


def test_an_app_without_read_all_hears_of_private_runs_as_deletes_and_creates(
    strava, subscribe, receiver, wait_for
):
    strava.authorize(athlete_id=1, scope="read,activity:read")
    subscribe()
    hidden = _create_activity(strava, private=True)
    shown = _create_activity(strava)
    strava.admin("PATCH", f"/activities/{shown['id']}", json={"private": True})
    strava.admin("PATCH", f"/activities/{shown['id']}", json={"private": False})
    strava.admin("DELETE", f"/activities/{hidden['id']}")
    wait_for(lambda: len(receiver.events()) == 3)
    assert [(e["object_id"], e["aspect_type"]) for e in receiver.events()] == [
        (shown["id"], "create"),
        (shown["id"], "delete"),
        (shown["id"], "create"),
    ]


def test_no_events_for_athletes_who_did_not_authorize_the_app(strava, subscribe, receiver, wait_for):
    subscribe()
    strava.authorize(athlete_id=2)
    _create_activity(strava)  # athlete 1 never authorized
    _create_activity(strava, athlete_id=2)
    wait_for(lambda: strava.admin("GET", "/webhooks").json()["pending"] == 0 and len(receiver.events()) == 1)
    assert receiver.events()[0]["owner_id"] == 2


def test_deauthorization_sends_an_athlete_event(strava, token, subscribe, receiver, wait_for):
    subscribe()
    requests.post(strava.url("/oauth/deauthorize"), headers=strava.bearer(token), timeout=10)
    wait_for(lambda: len(receiver.events()) == 1)
    event = receiver.events()[0]
    assert (event["object_type"], event["aspect_type"], event["object_id"]) == ("athlete", "update", 1)
    assert event["updates"] == {"authorized": "false"}
    _create_activity(strava)  # revoked: no more activity events
    wait_for(lambda: strava.admin("GET", "/webhooks").json()["pending"] == 0)
    assert len(receiver.events()) == 1


def test_a_failing_callback_is_retried_until_it_answers_200(strava, token, subscribe, receiver, wait_for):
    subscribe()
    receiver.failures_left = 2
    _create_activity(strava)
    wait_for(lambda: len(receiver.events()) == 1)
    assert [p["answered"] for p in receiver.posts] == [500, 500, 200]
    attempts = [d["attempt"] for d in strava.admin("GET", "/webhooks").json()["deliveries"]]
    assert attempts == [1, 2, 3]


def test_delivery_gives_up_after_three_attempts_in_all(strava, token, subscribe, receiver, wait_for):
    subscribe()
    receiver.failures_left = 10
    _create_activity(strava)
    wait_for(lambda: strava.admin("GET", "/webhooks").json()["pending"] == 0)
    assert len(receiver.posts) == 3
    assert receiver.events() == []


def test_a_callback_slower_than_two_seconds_counts_as_failed(strava, token, subscribe, receiver, wait_for):
    subscribe()
    receiver.delay = 0.8  # over the fixture's 0.5 s timeout
    _create_activity(strava)
    wait_for(lambda: strava.admin("GET", "/webhooks").json()["pending"] == 0, timeout=8)
    deliveries = strava.admin("GET", "/webhooks").json()["deliveries"]
    assert [(d["attempt"], d["delivered"], d["error"]) for d in deliveries] == [
        (1, False, "ReadTimeout"),
        (2, False, "ReadTimeout"),
        (3, False, "ReadTimeout"),
    ]


def test_duplicate_delivery_sends_each_event_twice(config, receiver, wait_for):
    with serve_sandbox(replace(config, duplicate_webhooks=True)) as strava:
        strava.authorize(athlete_id=1)
        assert _subscribe(strava, receiver.url).status_code == 201
        _create_activity(strava)
        wait_for(lambda: len(receiver.events()) == 2)
        first, second = receiver.events()
        assert first == second


def test_nothing_starts_a_thread_until_there_is_an_event(config):
    before = set(threading.enumerate())
    app = create_app(config)
    assert set(threading.enumerate()) <= before
    sandbox_of(app).dispatcher.publish("http://127.0.0.1:9/", {"object_type": "athlete"})
    started = set(threading.enumerate()) - before
    assert {t.name for t in started} == {"strava-sandbox-webhooks"}
    sandbox_of(app).dispatcher.stop()
