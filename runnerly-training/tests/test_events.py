"""runs.changed: a runner's cache is invalidated and recomputed, once per event."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from runnerly_core import events, logs
from runnerly_training.events import PoisonMessage, RunsChanged
from runnerly_training.extensions import data_service
from runnerly_training.snapshots import invalidation
from runnerly_training.snapshots.invalidation import Outcome, apply_runs_changed
from runnerly_training.snapshots.models import ProcessedEvent, RunSplits, TrainingSnapshot
from runnerly_training.snapshots.services import current_snapshot

from .fake_data_service import days_ago
from .runners import run_json


def user_reads(data, user_id: int) -> int:
    """How many times the runner's inputs were fetched (each refresh reads the profile once)."""
    return len(data.calls("GET", rf"^/users/{user_id}$"))


def test_an_event_refreshes_the_runner_s_cache(session, runner, data):
    current_snapshot(session, data_service, runner)
    data.add_run(runner, run_json(days_ago(0), 10.0, 262, is_race=True))
    event = events.runs_changed(runner, [1], "created")
    assert apply_runs_changed(session, data_service, event["event_id"], runner) is Outcome.REFRESHED
    snapshot = session.get(TrainingSnapshot, runner, populate_existing=True)
    assert snapshot.fitness["driver"]["date"] == days_ago(0).isoformat()
    assert snapshot.computed_generation == snapshot.generation == 1


def test_the_same_event_twice_refreshes_once(session, runner, data):
    event_id = events.runs_changed(runner, [1], "updated")["event_id"]
    assert apply_runs_changed(session, data_service, event_id, runner) is Outcome.REFRESHED
    assert apply_runs_changed(session, data_service, event_id, runner) is Outcome.DUPLICATE
    assert user_reads(data, runner) == 1


def test_an_old_event_after_a_newer_one_changes_nothing(session, runner, data):
    older, newer = events.runs_changed(runner, [1], "created"), events.runs_changed(runner, [2], "created")
    apply_runs_changed(session, data_service, newer["event_id"], runner)
    kept = session.get(TrainingSnapshot, runner, populate_existing=True).fitness
    assert apply_runs_changed(session, data_service, older["event_id"], runner) is Outcome.UNCHANGED
    assert session.get(TrainingSnapshot, runner, populate_existing=True).fitness == kept


def test_an_event_for_a_deleted_runner_deletes_their_cache(session, runner, data):
    current_snapshot(session, data_service, runner)
    del data.users[runner]
    event_id = events.runs_changed(runner, [], "deleted")["event_id"]
    assert apply_runs_changed(session, data_service, event_id, runner) is Outcome.USER_GONE
    assert session.get(TrainingSnapshot, runner, populate_existing=True) is None
    assert session.scalar(select(func.count()).where(RunSplits.user_id == runner)) == 0


def test_with_the_data_service_down_the_next_read_recomputes(app, session, runner, as_runner, data):
    app.get(f"/users/{runner}/fitness", headers=as_runner)
    data.failure = (503, "Down.")
    event_id = events.runs_changed(runner, [1], "created")["event_id"]
    assert apply_runs_changed(session, data_service, event_id, runner) is Outcome.INVALIDATED
    data.failure = None
    reads = user_reads(data, runner)
    app.get(f"/users/{runner}/fitness", headers=as_runner)
    assert user_reads(data, runner) == reads + 1


def test_remembered_event_ids_are_forgotten_after_a_week(session, runner, data):
    apply_runs_changed(session, data_service, "old-event", runner, now=datetime(2020, 1, 1, tzinfo=UTC))
    apply_runs_changed(session, data_service, "new-event", runner)
    assert list(session.scalars(select(ProcessedEvent.event_id))) == ["new-event"]


def test_an_event_is_read_for_its_id_and_runner():
    body = events.runs_changed(7, [3, 1], "mixed")
    assert RunsChanged.parse(body) == RunsChanged(body["event_id"], 7, body["event_id"])


def test_an_event_is_handled_under_the_request_id_that_caused_it():
    with logs.request_id_bound("sync-42"):
        body = events.runs_changed(7, [3], "created")
    assert RunsChanged.parse(body).request_id == "sync-42"


def test_a_request_id_unfit_for_logs_gives_way_to_the_event_id():
    body = {**events.runs_changed(7, [3], "created"), "request_id": "a b\nforged line"}
    assert RunsChanged.parse(body).request_id == body["event_id"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("runs changed", "not a JSON object"),
        ({"type": "runs.deleted", "event_id": "abc", "user_id": 1}, "not 'runs.changed'"),
        ({"type": "runs.changed", "user_id": 1}, "event_id None"),
        ({"type": "runs.changed", "event_id": "a b", "user_id": 1}, "event_id 'a b'"),
        ({"type": "runs.changed", "event_id": "abc", "user_id": "7"}, "user_id '7'"),
        ({"type": "runs.changed", "event_id": "abc", "user_id": True}, "user_id True"),
        ({"type": "runs.changed", "event_id": "abc", "user_id": 0}, "user_id 0"),
    ],
)
def test_an_unreadable_event_is_poison(body, says):
    with pytest.raises(PoisonMessage, match=says):
        RunsChanged.parse(body)


def test_an_event_whose_recomputation_failed_unexpectedly_is_applied_again(
    session, runner, data, monkeypatch
):
    def broken(*args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(invalidation, "refresh", broken)
    with pytest.raises(ZeroDivisionError):
        apply_runs_changed(session, data_service, "e-retried", runner)
    monkeypatch.undo()
    assert apply_runs_changed(session, data_service, "e-retried", runner) is Outcome.REFRESHED
