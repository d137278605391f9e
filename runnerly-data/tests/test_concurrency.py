"""Concurrent writers of the same runs: the unique key and the retry keep one copy each.

These tests commit for real (two connections cannot share a rolled-back transaction), so
they clean up the runner they create.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerly_core.db import make_engine
from runnerly_data.runs.models import Run
from runnerly_data.runs.upsert import upsert_runs
from runnerly_data.users.models import User

from .conftest import LIVE_URL
from .factories import run_payload

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="drives the database directly")


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def user_id(engine):
    with Session(engine) as session:
        user = User(email=f"race-{uuid.uuid4().hex}@example.org")
        session.add(user)
        session.commit()
        user_id = user.id
    yield user_id
    with Session(engine) as session:
        session.delete(session.get(User, user_id))
        session.commit()


def test_two_workers_upserting_the_same_batch_store_each_run_once(engine, user_id):
    batch = [run_payload(i) for i in range(200)]
    start = threading.Barrier(2)

    def write() -> dict:
        with Session(engine, expire_on_commit=False) as session:
            start.wait()
            return upsert_runs(session, user_id, batch)

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: write(), range(2)))
    assert sum(report["created"] for report in reports) == 200
    with Session(engine) as session:
        stored = session.scalar(select(func.count()).select_from(Run).where(Run.user_id == user_id))
    assert stored == 200


def test_a_file_and_its_strava_activity_written_at_once_make_one_run(engine, user_id):
    """The file import and the Strava sync cross: each checked for the other's run before
    either wrote. Under the runner's lock one writes and the other adopts or matches it.
    Ten activities, so that both orders of taking the lock come up."""
    gate = threading.Barrier(2)

    def write(item: dict) -> dict:
        with Session(engine, expire_on_commit=False) as session:
            gate.wait()
            return upsert_runs(session, user_id, [item])

    for day in range(10):
        start = datetime(2026, 3, 1 + day, 7, 30, tzinfo=UTC)
        strava = {**run_payload(start=start), "source_id": str(9000 + day), "adopt": "upload"}
        upload = {
            **run_payload(source="upload", start=start + timedelta(seconds=20)),
            "source_id": f"{day:064x}",
            "match_existing": True,
        }
        with ThreadPoolExecutor(2) as pool:
            reports = list(pool.map(write, [strava, upload]))
        assert len({report["runs"][0]["id"] for report in reports}) == 1, reports
    with Session(engine) as session:
        stored = session.scalars(select(Run.source).where(Run.user_id == user_id)).all()
    assert stored == ["strava"] * 10
