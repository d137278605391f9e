"""Runs written one at a time are announced on the suite's exchange (real RabbitMQ)."""

import uuid

import pytest
from kombu import Consumer

from runnerly_core import events
from runnerly_core.testing import TEST_BROKER_URL, broker_or_skip

from .conftest import LIVE_URL
from .factories import manual_payload

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="configures the app in-process")


@pytest.fixture
def announced(connexion_app, monkeypatch):
    """The ``runs.changed`` events published while the test runs, from a queue of its own."""
    connection = broker_or_skip()
    monkeypatch.setattr(connexion_app.app.config["RUNNERLY_SETTINGS"], "broker_url", TEST_BROKER_URL)
    queue = events.durable_queue(f"test-data-{uuid.uuid4().hex}", events.RUNS_CHANGED)
    bound = queue(connection.default_channel)
    bound.declare()

    def drain() -> list[dict]:
        received = []
        with Consumer(connection, queues=[queue], callbacks=[lambda b, m: (received.append(b), m.ack())]):
            while True:
                try:
                    connection.drain_events(timeout=1)
                except TimeoutError:
                    return received

    yield drain
    bound.delete()
    connection.release()


def test_a_run_logged_edited_and_deleted_is_announced_each_time(app, runner, as_runner, announced):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner).json
    url = f"/users/{runner}/runs/{run['id']}"
    app.patch_json(url, {"name": "Renamed"}, headers=as_runner)
    app.delete(url, headers=as_runner)
    mine = [e for e in announced() if e["user_id"] == runner]
    assert [(e["kind"], e["run_ids"]) for e in mine] == [
        ("created", [run["id"]]),
        ("updated", [run["id"]]),
        ("deleted", [run["id"]]),
    ]
    assert len({e["event_id"] for e in mine}) == 3


def test_without_a_broker_the_run_is_still_stored(app, runner, as_runner):
    # The default settings name no broker: the write succeeds and nothing is published.
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner, status=201).json
    assert app.get(f"/users/{runner}/runs/{run['id']}", headers=as_runner).json["id"] == run["id"]
