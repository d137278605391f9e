"""The webhook: subscription check, intake (refusals, duplicates) and event handling."""

import pytest

from runnerly_strava.links.models import Link
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.webhooks.handling import handle_event
from runnerly_strava.webhooks.models import WebhookEvent

from .conftest import DATA, STRAVA, activity, rate_headers


def event(**fields) -> dict:
    return {
        "object_type": "activity",
        "object_id": 5,
        "aspect_type": "update",
        "updates": {"title": "New"},
        "owner_id": 42,
        "subscription_id": 777,
        "event_time": 1773137100,
        **fields,
    }


def test_the_subscription_check_echoes_the_challenge(client):
    answer = client.get(
        "/webhook",
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": "verify-me",
            "hub.challenge": "15f7d1a91c1f40f8a748fd134752feb3",
        },
    )
    assert answer.status_code == 200
    assert answer.json() == {"hub.challenge": "15f7d1a91c1f40f8a748fd134752feb3"}


def test_a_wrong_verify_token_is_refused(client):
    answer = client.get(
        "/webhook", params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "x"}
    )
    assert answer.status_code == 403


def test_an_event_is_acknowledged_and_queued_once_however_often_it_comes(client, runtime, session):
    assert client.post("/webhook", json=event()).status_code == 200
    assert client.post("/webhook", json=event()).status_code == 200
    assert session.query(WebhookEvent).count() == 1
    assert len(runtime.jobs.sent["webhook_event"]) == 1


def test_an_event_for_another_subscription_is_refused(client, session):
    assert client.post("/webhook", json=event(subscription_id=1)).status_code == 403
    assert session.query(WebhookEvent).count() == 0


def _stored(session, **fields) -> int:
    row = WebhookEvent(
        **{
            "object_type": "activity",
            "object_id": 5,
            "aspect_type": "update",
            "event_time": 1,
            "owner_id": 42,
            "updates": {},
            **fields,
        }
    )
    session.add(row)
    session.commit()
    return row.id


@pytest.fixture
def synced(make_link, session):
    make_link()
    session.add(SyncedActivity(activity_id=5, user_id=7, run_id=55, summary_hash="h", details="done"))
    session.commit()


def test_an_update_that_makes_a_run_a_ride_deletes_it(synced, runtime, session, requests_mock, service_token):
    requests_mock.get(
        f"{STRAVA}/api/v3/activities/5",
        json=activity(5, sport_type="Ride", type="Ride"),
        headers=rate_headers(),
    )
    deleted = requests_mock.delete(f"{DATA}/users/7/runs/55", status_code=204)
    handle_event(session, runtime, _stored(session, updates={"type": "Ride"}))
    assert deleted.called
    assert session.get(SyncedActivity, 5, populate_existing=True) is None


def test_a_delete_event_deletes_the_run_without_asking_strava(
    synced, runtime, session, requests_mock, service_token
):
    deleted = requests_mock.delete(f"{DATA}/users/7/runs/55", status_code=204)
    handle_event(session, runtime, _stored(session, aspect_type="delete"))
    assert deleted.called
    assert [r.url for r in requests_mock.request_history if STRAVA in r.url] == []


def test_a_deauthorization_unlinks_and_deletes_the_strava_runs(
    synced, runtime, session, requests_mock, service_token
):
    deleted = requests_mock.delete(f"{DATA}/users/7/runs?source=strava", json={"deleted": 1})
    event_id = _stored(session, object_type="athlete", object_id=42, updates={"authorized": "false"})
    handle_event(session, runtime, event_id)
    assert deleted.called
    assert session.get(Link, 7, populate_existing=True) is None
    assert session.get(WebhookEvent, event_id).processed_at is not None


def test_events_of_athletes_we_dont_know_change_nothing(runtime, session, requests_mock):
    event_id = _stored(session, owner_id=999)
    handle_event(session, runtime, event_id)
    assert requests_mock.call_count == 0
    assert session.get(WebhookEvent, event_id).processed_at is not None
