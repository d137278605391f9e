"""Runs written one at a time are announced on the suite's exchange (real RabbitMQ),
through an outbox: an event is stored with its write and survives a broker outage."""

import pytest
from sqlalchemy import func, select

from runnerly_core import events
from runnerly_core.testing import TEST_BROKER_URL, events_received
from runnerly_data.events import OUTBOX, OutboxEvent, make_outbox
from runnerly_data.extensions import db

from .conftest import LIVE_URL
from .factories import manual_payload

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="configures the app in-process")
# Nothing listens here: a broker that is away.
UNREACHABLE_BROKER = "amqp://guest:guest@127.0.0.1:1//"


@pytest.fixture
def use_broker(connexion_app, monkeypatch):
    def use(url: str) -> None:
        settings = connexion_app.app.config["RUNNERLY_SETTINGS"].model_copy(update={"broker_url": url})
        monkeypatch.setitem(connexion_app.app.extensions, OUTBOX, make_outbox(settings))

    return use


@pytest.fixture
def announced(use_broker):
    """The ``runs.changed`` events published while the test runs, from a queue of its own."""
    with events_received(events.RUNS_CHANGED, prefix="test-data") as drain:
        use_broker(TEST_BROKER_URL)
        yield drain


def outbox_rows(published: bool) -> int:
    with db.new_session() as session:
        state = OutboxEvent.published_at.is_not(None) if published else OutboxEvent.published_at.is_(None)
        return session.scalar(select(func.count()).select_from(OutboxEvent).where(state))


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
    assert (outbox_rows(published=False), outbox_rows(published=True)) == (0, 3)


def test_an_event_kept_while_the_broker_is_away_is_published_by_the_next_write(
    app, runner, as_runner, announced, use_broker
):
    use_broker(UNREACHABLE_BROKER)
    first = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner, status=201).json
    assert outbox_rows(published=False) == 1
    assert [e for e in announced() if e["user_id"] == runner] == []

    use_broker(TEST_BROKER_URL)
    second = app.post_json(f"/users/{runner}/runs", manual_payload(index=1), headers=as_runner).json
    mine = [e for e in announced() if e["user_id"] == runner]
    assert [e["run_ids"] for e in mine] == [[first["id"]], [second["id"]]]
    assert outbox_rows(published=False) == 0


def test_a_refused_write_records_no_event(app, runner, as_runner, announced):
    run = app.post_json(f"/users/{runner}/runs", manual_payload(km=10), headers=as_runner).json
    app.patch_json(
        f"/users/{runner}/runs/{run['id']}", {"moving_time_s": 999_999}, headers=as_runner, status=400
    )
    assert [e["kind"] for e in announced() if e["user_id"] == runner] == ["created"]
    assert outbox_rows(published=False) + outbox_rows(published=True) == 1


def test_without_a_broker_the_run_is_stored_and_no_event_recorded(app, runner, as_runner):
    # The default settings name no broker: the write succeeds and nothing is kept for later.
    run = app.post_json(f"/users/{runner}/runs", manual_payload(), headers=as_runner, status=201).json
    assert app.get(f"/users/{runner}/runs/{run['id']}", headers=as_runner).json["id"] == run["id"]
    assert outbox_rows(published=False) + outbox_rows(published=True) == 0
