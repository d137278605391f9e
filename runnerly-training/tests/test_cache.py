"""The cache: reads answer from it, a miss recomputes, and nothing stale is answered."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from runnerly_training.extensions import data_service, db
from runnerly_training.snapshots import services
from runnerly_training.snapshots.models import RunSplits, TrainingSnapshot

from .fake_data_service import days_ago
from .runners import run_json


def data_calls(data) -> int:
    return len([call for call in data.mocker.request_history if call.url.startswith("http://data.test")])


def test_the_second_read_answers_from_the_cache(app, runner, as_runner, data):
    first = app.get(f"/users/{runner}/fitness", headers=as_runner).json
    calls = data_calls(data)
    assert app.get(f"/users/{runner}/fitness", headers=as_runner).json == first
    app.get(f"/users/{runner}/load", headers=as_runner)
    app.get(f"/users/{runner}/zones", headers=as_runner)
    assert data_calls(data) == calls


def test_the_cache_keeps_when_and_from_what_it_computed(session, runner, data):
    before = datetime.now(UTC)
    services.current_snapshot(session, data_service, runner)
    row = session.get(TrainingSnapshot, runner)
    assert row.as_of == days_ago(0)
    assert row.timezone == "UTC"
    assert before <= row.inputs_fetched_at <= row.computed_at <= datetime.now(UTC)
    assert len(row.fingerprint) == 64
    assert row.computed_generation == row.generation == 0


def test_a_new_day_recomputes(session, runner, data):
    now = datetime.now(UTC)
    services.current_snapshot(session, data_service, runner, now)
    calls = data_calls(data)
    tomorrow = services.current_snapshot(session, data_service, runner, now + timedelta(days=1))
    assert tomorrow.as_of == days_ago(-1)
    assert data_calls(data) > calls
    assert tomorrow.fitness["driver"]["age_days"] == 13


def test_a_snapshot_older_than_the_limit_is_recomputed_even_without_an_event(session, runner, data):
    now = datetime.combine(days_ago(0), time(9), UTC)  # the day does not change within the test
    services.current_snapshot(session, data_service, runner, now)
    data.add_run(runner, run_json(days_ago(0), 10.0, 262, is_race=True))
    within = services.current_snapshot(session, data_service, runner, now + services.MAX_AGE / 2)
    assert within.fitness["driver"]["date"] != days_ago(0).isoformat()
    later = services.current_snapshot(session, data_service, runner, now + services.MAX_AGE)
    assert later.fitness["driver"]["date"] == days_ago(0).isoformat()


def test_an_invalidated_snapshot_is_recomputed_on_the_next_read(app, runner, as_runner, data):
    app.get(f"/users/{runner}/fitness", headers=as_runner)
    data.add_run(runner, run_json(days_ago(0), 10.0, 262, is_race=True))
    with db.new_session() as session:
        services.invalidate(session, runner)
        session.commit()
    driver = app.get(f"/users/{runner}/fitness", headers=as_runner).json["driver"]
    assert driver["date"] == days_ago(0).isoformat()


def test_only_new_or_changed_runs_are_fetched_again(session, runner, data):
    services.current_snapshot(session, data_service, runner)
    changed = next(iter(data.runs.values()))
    data.change_run(changed["id"], name="Renamed")
    added = data.add_run(runner, run_json(days_ago(0), 6.0, 340))
    details_before = len(data.calls("GET", r"/runs/\d+$"))
    services.refresh(session, data_service, runner)
    fetched = data.calls("GET", r"/runs/\d+$")[details_before:]
    assert sorted(int(call.url.rsplit("/", 1)[1]) for call in fetched) == sorted([changed["id"], added["id"]])


def test_splits_of_deleted_runs_are_forgotten(session, runner, data):
    services.current_snapshot(session, data_service, runner)
    gone = next(iter(data.runs))
    del data.runs[gone]
    services.refresh(session, data_service, runner)
    kept = set(session.scalars(select(RunSplits.run_id).where(RunSplits.user_id == runner)))
    assert gone not in kept
    assert len(kept) == len(data.runs)


def test_a_computation_from_older_inputs_does_not_replace_a_newer_one(session, runner, data):
    now = datetime.now(UTC)
    services.refresh(session, data_service, runner, now)
    services.refresh(session, data_service, runner, now - timedelta(seconds=30))
    stored = session.scalar(
        select(TrainingSnapshot.inputs_fetched_at).where(TrainingSnapshot.user_id == runner)
    )
    assert stored == now


def test_a_computation_overtaken_by_an_event_stays_stale(session, runner, data, monkeypatch):
    """Runs change while a refresh reads them: what it keeps must not pass for fresh."""
    gather = services.gather_inputs

    def gather_while_runs_change(*args):
        with db.new_session() as other:
            services.invalidate(other, runner)
            other.commit()
        return gather(*args)

    monkeypatch.setattr(services, "gather_inputs", gather_while_runs_change)
    services.refresh(session, data_service, runner)
    row = session.get(TrainingSnapshot, runner, populate_existing=True)
    assert (row.generation, row.computed_generation) == (1, 0)
    assert not services.is_fresh(row, datetime.now(UTC))


def test_a_run_s_heart_rate_stream_is_kept_with_its_splits(session, runner, data):
    streams = {"time_s": "0,10,20", "heartrate": "140,150,160", "cadence": "85,85,86"}
    added = data.add_run(runner, {**run_json(days_ago(0), 6.0, 340), "streams": streams})
    services.refresh(session, data_service, runner)
    kept = session.get(RunSplits, added["id"])
    assert kept.heart_rate == {"time_s": "0,10,20", "heartrate": "140,150,160"}
