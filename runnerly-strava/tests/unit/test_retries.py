"""How long a worker waits before it tries a failed step again."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from runnerly_core.db import upgrade
from runnerly_strava import maintenance, tasks
from runnerly_strava.cli import MIGRATIONS
from runnerly_strava.database import worker_sessions
from runnerly_strava.links.models import Link
from runnerly_strava.links.services import link_json
from runnerly_strava.runtime import Runtime
from runnerly_strava.tasks import backfill_page, backoff
from runnerly_strava.worker import WORKER_PUBLISH_RETRY, celery_app

from .conftest import DATA, RecordedJobs, activity, new_link, rate_headers
from .test_sync_steps import ACTIVITIES, bulk_answer


def test_a_fractional_backoff_setting_gives_delays_within_the_doubling_ceiling():
    delays = [backoff(0.2, retries) for retries in range(6) for _ in range(50)]
    assert all(0 <= delay <= 0.2 * 2**5 for delay in delays)
    assert any(delay != int(delay) for delay in delays)


def test_the_backoff_never_exceeds_its_maximum():
    assert max(backoff(5.0, 20) for _ in range(100)) <= 600


def test_a_worker_waits_through_a_broker_restart_before_giving_up_a_follow_up():
    policy = WORKER_PUBLISH_RETRY
    waits = [
        min(policy["interval_start"] + n * policy["interval_step"], policy["interval_max"])
        for n in range(policy["max_retries"])
    ]
    assert sum(waits) >= 60


@pytest.fixture
def worker_runtime(tmp_path, settings, monkeypatch):
    """The workers' Celery app bound to a runtime of its own (a SQLite file, jobs recorded),
    with a transient-retry budget of three."""
    url = f"sqlite:///{tmp_path / 'worker.sqlite'}"
    upgrade(url, MIGRATIONS)
    sessions = worker_sessions(url)
    changed = {"database_url": url, "max_transient_retries": 3}
    runtime = Runtime.build(settings.model_copy(update=changed), sessions, RecordedJobs())
    with sessions() as session:
        session.add(new_link(runtime))
        session.commit()
    monkeypatch.setattr(celery_app, "runtime", runtime)
    return sessions, runtime


def test_rate_limit_waits_do_not_spend_the_budget_for_server_errors(
    worker_runtime, requests_mock, service_token
):
    sessions, _runtime = worker_runtime
    # More 429s than the transient budget allows, then as many 503s as it allows.
    answers = [{"status_code": 429, "headers": rate_headers()}] * 5
    answers += [{"status_code": 503}] * 3
    answers += [{"json": [activity(2001)], "headers": rate_headers()}]
    strava = requests_mock.get(ACTIVITIES, answers)
    data = requests_mock.post(f"{DATA}/users/7/runs/bulk", json=bulk_answer)
    # Eager: each retry runs at once, through the same signature a worker would publish.
    backfill_page.apply(args=(7, None))
    assert strava.call_count == 9
    assert data.call_count == 1
    with sessions() as session:
        assert session.get(Link, 7).backfill_pages == 1


def test_server_errors_past_the_budget_park_the_backfill_for_the_sweep(
    worker_runtime, requests_mock, service_token
):
    sessions, _runtime = worker_runtime
    strava = requests_mock.get(ACTIVITIES, status_code=503)
    backfill_page.apply(args=(7, None))
    assert strava.call_count == 4  # the first try and three retries
    with sessions() as session:
        link = session.get(Link, 7)
        assert (link.backfill_state, link.backfill_pages) == ("waiting", 0)
    assert "waiting" not in _served_backfill(sessions)  # no rate window to name


def _served_backfill(sessions) -> dict:
    with sessions() as session:
        return link_json(session.get(Link, 7))["backfill"]


def test_a_15_minute_wait_is_shown_on_the_link_then_cleared_when_the_retry_succeeds(
    worker_runtime, requests_mock, service_token, monkeypatch
):
    sessions, runtime = worker_runtime
    now = [datetime(2026, 3, 1, 10, 31, tzinfo=UTC).timestamp()]
    monkeypatch.setattr(runtime.budget, "clock", lambda: now[0])

    note_wait = tasks.note_wait

    def wait_then_let_the_window_pass(*args):
        note_wait(*args)
        now[0] += 15 * 60

    monkeypatch.setattr(tasks, "note_wait", wait_then_let_the_window_pass)
    seen_while_waiting = []

    def page_after_the_wait(_request, _context):
        seen_while_waiting.append(_served_backfill(sessions))
        return [activity(2001)]

    spent = rate_headers(read=(100, 300))  # the read 15-minute window is spent, the day is not
    strava = requests_mock.get(
        ACTIVITIES,
        [{"status_code": 429, "headers": spent}, {"json": page_after_the_wait, "headers": rate_headers()}],
    )
    requests_mock.post(f"{DATA}/users/7/runs/bulk", json=bulk_answer)
    backfill_page.apply(args=(7, None))
    assert strava.call_count == 2
    (waiting,) = seen_while_waiting
    assert waiting["state"] == "pending"  # still the task's own retry: the sweep keeps out
    assert (waiting["waiting"], waiting["resumes_at"]) == ("rate_limit_15min", "2026-03-01T10:45:00Z")
    assert waiting["done"] == 0
    after = _served_backfill(sessions)
    assert "waiting" not in after
    assert "resumes_at" not in after
    assert after["pages"] == 1


def test_a_spent_daily_window_parks_the_backfill_with_the_reason_and_next_midnight(
    worker_runtime, requests_mock, service_token
):
    sessions, _runtime = worker_runtime
    requests_mock.get(ACTIVITIES, status_code=429, headers=rate_headers(read=(50, 1000)))
    backfill_page.apply(args=(7, None))
    backfill = _served_backfill(sessions)
    assert (backfill["state"], backfill["waiting"]) == ("waiting", "rate_limit_daily")
    resumes_at = datetime.fromisoformat(backfill["resumes_at"].replace("Z", "+00:00"))
    assert (resumes_at.hour, resumes_at.minute, resumes_at.tzinfo) == (0, 0, UTC)
    assert 0 < resumes_at.timestamp() - time.time() <= 24 * 3600


def test_the_sweep_clears_the_reason_when_it_resumes_a_parked_backfill(worker_runtime):
    sessions, runtime = worker_runtime
    with sessions() as session:
        link = session.get(Link, 7)
        link.backfill_state, link.waiting_reason, link.resume_at = "waiting", "rate_limit_daily", 1
        session.commit()
        maintenance.sweep(session, runtime)
    backfill = _served_backfill(sessions)
    assert backfill["state"] == "running"
    assert "waiting" not in backfill
    assert runtime.jobs.sent["backfill"] == [(7, None)]
