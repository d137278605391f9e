"""The webhook: subscription check, intake (refusals, duplicates) and event handling.

Strava signs no event: whoever learns the callback URL can post any. The tests marked
"forged" post what an attacker would and check that nothing changes and that Strava is
not called more often than the athlete's allowance."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest

from runnerly_strava import maintenance
from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.webhooks import allowance
from runnerly_strava.webhooks.handling import handle_event
from runnerly_strava.webhooks.models import WebhookEvent

from .conftest import DATA, EVENTS_PER_MINUTE, STRAVA, WEBHOOK, activity, rate_headers


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
        WEBHOOK,
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
        WEBHOOK, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "x"}
    )
    assert answer.status_code == 403


def test_an_event_is_acknowledged_and_queued_once_however_often_it_comes(client, runtime, session):
    assert client.post(WEBHOOK, json=event()).status_code == 200
    assert client.post(WEBHOOK, json=event()).status_code == 200
    assert session.query(WebhookEvent).count() == 1
    assert len(runtime.jobs.sent["webhook_event"]) == 1


def test_an_event_for_another_subscription_is_answered_like_ours_and_stored_nowhere(client, session):
    ours = client.post(WEBHOOK, json=event())
    other = client.post(WEBHOOK, json=event(subscription_id=1, object_id=6))
    assert (other.status_code, other.headers["content-type"], other.content) == (
        ours.status_code,
        ours.headers["content-type"],
        ours.content,
    )
    assert [e.object_id for e in session.query(WebhookEvent)] == [5]


def test_the_old_fixed_path_takes_no_event(client, session):
    assert client.post("/webhook", json=event()).status_code in (404, 405)
    assert session.query(WebhookEvent).count() == 0


CHECK = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "c"}


@pytest.mark.parametrize(("method", "sent"), [("GET", {"params": CHECK}), ("POST", {"json": event()})])
def test_a_wrong_path_secret_is_answered_like_a_path_that_does_not_exist(client, session, method, sent):
    wrong = client.request(method, "/webhook/Xq3v9kPz7Lm2Rt8Wc5Yb1Nd4Hf6Gj0Sb", **sent)
    nowhere = client.request(method, "/no-such-path/Xq3v9kPz7Lm2Rt8Wc5Yb1Nd4Hf6Gj0Sb", **sent)
    assert wrong.status_code == 404
    assert (wrong.headers["content-type"], wrong.json()) == (nowhere.headers["content-type"], nowhere.json())
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


def _strava_calls(requests_mock) -> list[str]:
    return [r.url for r in requests_mock.request_history if r.url.startswith(STRAVA)]


@pytest.fixture
def synced(make_link, session):
    make_link()
    session.add(SyncedActivity(activity_id=5, user_id=7, run_id=55, summary_hash="h", details="done"))
    session.commit()


@pytest.fixture
def frozen_minute(monkeypatch):
    """The allowance's clock stops in the middle of a minute: a test never straddles two."""
    now = time.time() // 60 * 60 + 30
    monkeypatch.setattr(allowance, "time", SimpleNamespace(time=lambda: now))


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


def test_a_delete_that_strava_confirms_with_a_404_deletes_the_run(
    synced, runtime, session, requests_mock, service_token
):
    requests_mock.get(f"{STRAVA}/api/v3/activities/5", status_code=404, json={"message": "Record Not Found"})
    deleted = requests_mock.delete(f"{DATA}/users/7/runs/55", status_code=204)
    handle_event(session, runtime, _stored(session, aspect_type="delete"))
    assert deleted.called
    assert session.get(SyncedActivity, 5, populate_existing=True) is None


def test_a_forged_delete_of_a_run_strava_still_shows_changes_nothing(
    synced, runtime, session, requests_mock, service_token
):
    requests_mock.get(f"{STRAVA}/api/v3/activities/5", json=activity(5), headers=rate_headers())
    deleted = requests_mock.delete(f"{DATA}/users/7/runs/55", status_code=204)
    event_id = _stored(session, aspect_type="delete")
    handle_event(session, runtime, event_id)
    assert not deleted.called
    assert session.get(SyncedActivity, 5, populate_existing=True) is not None
    assert len(_strava_calls(requests_mock)) == 1
    assert session.get(WebhookEvent, event_id).processed_at is not None


def test_a_delete_of_an_activity_we_never_wrote_costs_no_strava_call(synced, runtime, session, requests_mock):
    event_id = _stored(session, aspect_type="delete", object_id=6)
    handle_event(session, runtime, event_id)
    assert requests_mock.call_count == 0
    assert session.get(WebhookEvent, event_id).processed_at is not None


def test_a_forged_event_naming_another_athletes_activity_writes_nothing(
    synced, runtime, session, requests_mock, service_token
):
    foreign = activity(9, athlete={"id": 99, "resource_state": 1})
    requests_mock.get(f"{STRAVA}/api/v3/activities/9", json=foreign, headers=rate_headers())
    written = requests_mock.post(f"{DATA}/users/7/runs/bulk", json={"runs": []})
    handle_event(session, runtime, _stored(session, aspect_type="create", object_id=9))
    assert not written.called
    assert session.get(SyncedActivity, 9) is None


def _deauthorization(session) -> int:
    return _stored(session, object_type="athlete", object_id=42, updates={"authorized": "false"})


def test_a_deauthorization_that_strava_confirms_unlinks_and_deletes_the_strava_runs(
    synced, runtime, session, requests_mock, service_token
):
    requests_mock.get(f"{STRAVA}/api/v3/athlete", status_code=401, json={"message": "Authorization Error"})
    requests_mock.post(f"{STRAVA}/oauth/token", status_code=400, json={"message": "Bad Request"})
    deleted = requests_mock.delete(f"{DATA}/users/7/runs?source=strava", json={"deleted": 1})
    event_id = _deauthorization(session)
    handle_event(session, runtime, event_id)
    assert deleted.called
    assert session.get(Link, 7, populate_existing=True) is None
    assert session.get(WebhookEvent, event_id).processed_at is not None


def test_a_forged_deauthorization_while_the_athletes_token_works_changes_nothing(
    synced, runtime, session, requests_mock, service_token
):
    requests_mock.get(f"{STRAVA}/api/v3/athlete", json={"id": 42}, headers=rate_headers())
    deleted = requests_mock.delete(f"{DATA}/users/7/runs?source=strava", json={"deleted": 1})
    event_id = _deauthorization(session)
    handle_event(session, runtime, event_id)
    assert not deleted.called
    assert session.get(Link, 7, populate_existing=True).status == "active"
    assert session.get(SyncedActivity, 5, populate_existing=True) is not None
    assert _strava_calls(requests_mock) == [f"{STRAVA}/api/v3/athlete"]


def test_a_forged_create_flood_costs_no_more_strava_calls_than_the_allowance(
    make_link, runtime, session, requests_mock, service_token, frozen_minute
):
    make_link()
    requests_mock.get(re.compile(f"{STRAVA}/api/v3/activities/"), status_code=404, json={"message": "x"})
    flood = [_stored(session, aspect_type="create", object_id=1000 + n) for n in range(20)]
    for event_id in flood:
        handle_event(session, runtime, event_id)
    assert len(_strava_calls(requests_mock)) == EVENTS_PER_MINUTE
    assert [r for r in requests_mock.request_history if r.url.startswith(DATA)] == []
    waiting = session.query(WebhookEvent).filter(WebhookEvent.processed_at.is_(None)).all()
    assert len(waiting) == len(flood) - EVENTS_PER_MINUTE
    assert all(event.deferred_at is not None for event in waiting)


def test_one_athletes_flood_leaves_the_allowance_of_others_whole(
    make_link, runtime, session, requests_mock, service_token, frozen_minute
):
    make_link()
    make_link(user_id=8, athlete_id=43)
    requests_mock.get(re.compile(f"{STRAVA}/api/v3/activities/"), status_code=404, json={"message": "x"})
    for n in range(10):
        handle_event(session, runtime, _stored(session, aspect_type="create", object_id=1000 + n))
    other = _stored(session, aspect_type="create", object_id=2000, owner_id=43)
    handle_event(session, runtime, other)
    assert session.get(WebhookEvent, other).processed_at is not None


def test_the_sweep_hands_back_waiting_events_an_allowance_per_athlete_at_a_time(session):
    long_ago = utcnow() - timedelta(minutes=10)
    flood = [_stored(session, object_id=1000 + n, received_at=long_ago) for n in range(10)]
    others = [_stored(session, object_id=2000 + n, owner_id=43, received_at=long_ago) for n in range(2)]
    chosen = maintenance.unprocessed_events(session, EVENTS_PER_MINUTE)
    assert sorted(chosen) == sorted(flood[:EVENTS_PER_MINUTE] + others)


def test_events_of_athletes_we_dont_know_change_nothing(runtime, session, requests_mock):
    event_id = _stored(session, owner_id=999)
    handle_event(session, runtime, event_id)
    assert requests_mock.call_count == 0
    assert session.get(WebhookEvent, event_id).processed_at is not None
