"""A sync step as a ``make run`` worker takes it: its own SQLite file, sessions that
``BEGIN IMMEDIATE`` (SQLite's write lock from the first statement of a transaction) and
no shared test connection. Code that passes on PostgreSQL, or on the one connection the
other unit tests share, can still wait here on a lock its own process holds."""

import pytest

from runnerly_core.db import upgrade
from runnerly_strava.cli import MIGRATIONS
from runnerly_strava.database import worker_sessions
from runnerly_strava.runtime import Runtime
from runnerly_strava.sync.backfill import backfill_step
from runnerly_strava.sync.models import SyncedActivity

from .conftest import DATA, RecordedJobs, activity, new_link, rate_headers
from .test_sync_steps import ACTIVITIES, bulk_answer


@pytest.fixture
def worker(tmp_path, settings, monkeypatch):
    # A lock wait that would last the default 30 s fails the test in one.
    monkeypatch.setattr("runnerly_core.db.SQLITE_BUSY_TIMEOUT_MS", 1000)
    url = f"sqlite:///{tmp_path / 'worker.sqlite'}"
    upgrade(url, MIGRATIONS)
    sessions = worker_sessions(url)
    runtime = Runtime.build(settings.model_copy(update={"database_url": url}), sessions, RecordedJobs())
    with sessions() as session:
        session.add(new_link(runtime))
        session.commit()
    return sessions, runtime


def test_a_backfill_page_completes_on_a_workers_sqlite(worker, requests_mock, service_token):
    sessions, runtime = worker
    requests_mock.get(ACTIVITIES, json=[activity(2001), activity(2002)], headers=rate_headers())
    data = requests_mock.post(f"{DATA}/users/7/runs/bulk", json=bulk_answer)
    with sessions() as session:
        follow_up = backfill_step(session, runtime, 7, None)
    assert data.call_count == 1
    assert follow_up.details == [2001, 2002]
    with sessions() as session:
        assert session.query(SyncedActivity).count() == 2
