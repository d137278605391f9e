"""How long a worker waits before it tries a failed step again."""

from __future__ import annotations

import pytest

from runnerly_core.db import upgrade
from runnerly_strava.cli import MIGRATIONS
from runnerly_strava.database import worker_sessions
from runnerly_strava.links.models import Link
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
