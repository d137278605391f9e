"""Bodies are bounded: an oversized webhook is refused before anything reads or parses it,
and an event too large to be Strava's is never stored."""

import json

from runnerly_core.testing import operations_without_413, stream_request, unbounded_inputs
from runnerly_strava.webhooks.models import WebhookEvent

from .conftest import WEBHOOK
from .test_webhooks import event

MIB = 1024 * 1024


def test_the_spec_bounds_every_field_of_every_request_body(client):
    spec = client.get("/openapi.json").json()
    assert unbounded_inputs(spec) == []
    assert operations_without_413(spec) == []


def test_a_40_mib_unauthenticated_webhook_body_is_refused_before_it_is_read(connexion_app, session, runtime):
    chunks = (b"{" * (64 * 1024) for _ in range(40 * 16))
    answer = stream_request(connexion_app, "POST", WEBHOOK, chunks, {"Content-Type": "application/json"})
    assert answer["status"] == 413
    assert answer["bytes_read"] <= 4096 + 64 * 1024  # the limit, and the chunk that crossed it
    assert answer["headers"]["content-type"] == "application/problem+json"
    assert json.loads(answer["body"])["status"] == 413
    assert session.query(WebhookEvent).count() == 0
    assert runtime.jobs.sent["webhook_event"] == []


def test_a_40_mib_body_with_its_length_declared_is_refused_unread(connexion_app):
    chunks = (b"{" * MIB for _ in range(40))
    headers = {"Content-Type": "application/json", "Content-Length": str(40 * MIB)}
    answer = stream_request(connexion_app, "POST", WEBHOOK, chunks, headers)
    assert answer["status"] == 413
    assert answer["bytes_read"] == 0


def test_a_20_mib_event_for_our_subscription_is_not_stored(client, session, runtime):
    answer = client.post(WEBHOOK, json=event(updates={"title": "x" * (20 * MIB)}))
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert session.query(WebhookEvent).count() == 0
    assert runtime.jobs.sent["webhook_event"] == []


def test_an_event_with_an_overlong_update_is_refused_and_not_stored(client, session):
    answer = client.post(WEBHOOK, json=event(updates={"title": "x" * 1001}))
    assert answer.status_code == 400
    assert session.query(WebhookEvent).count() == 0


def test_an_event_with_too_many_updates_is_refused_and_not_stored(client, session):
    answer = client.post(WEBHOOK, json=event(updates={f"field{i}": "x" for i in range(11)}))
    assert answer.status_code == 400
    assert session.query(WebhookEvent).count() == 0


def test_an_event_with_a_field_strava_may_add_later_is_still_received(client, session):
    assert client.post(WEBHOOK, json=event(new_field="value")).status_code == 200
    assert session.query(WebhookEvent).count() == 1
