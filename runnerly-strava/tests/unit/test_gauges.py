"""The Strava service's /metrics: the budget left in each of Strava's windows, how far
behind the sync is, and requests per operation."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from runnerly_core.testing import metric_value
from runnerly_strava.strava.ratelimits import window_start
from runnerly_strava.sync.models import RateWindow


def test_metrics_show_the_budget_left_in_every_strava_window(client, session):
    now = time.time()
    session.add_all(
        [
            RateWindow(
                name="overall_15min", window_start=window_start("overall_15min", now), used=150, limit=200
            ),
            # Used up on an earlier day: the new day's window has its whole limit again.
            RateWindow(
                name="read_daily", window_start=window_start("read_daily", now) - 86400, used=1000, limit=1000
            ),
        ]
    )
    session.commit()
    text = client.get("/metrics").text
    left = {
        window: metric_value(text, "runnerly_strava_budget_remaining", window=window)
        for window in ("overall_15min", "overall_daily", "read_15min", "read_daily")
    }
    if window_start("overall_15min", time.time()) != window_start("overall_15min", now):
        left["overall_15min"] = 50  # a quarter hour turned between the write and the scrape
    assert left == {"overall_15min": 50, "overall_daily": 2000, "read_15min": 100, "read_daily": 1000}


def test_metrics_show_the_age_of_the_stalest_active_links_last_sync(client, session, make_link):
    now = datetime.now(UTC)
    make_link(user_id=7, athlete_id=42, last_sync_at=now - timedelta(minutes=30))
    make_link(user_id=8, athlete_id=43, last_sync_at=now - timedelta(minutes=5))
    leaving = make_link(user_id=9, athlete_id=44, last_sync_at=now - timedelta(days=3))
    leaving.status = "unlinking"  # no longer synced: not late
    session.commit()
    lag = metric_value(client.get("/metrics").text, "runnerly_strava_sync_lag_seconds")
    assert 30 * 60 <= lag < 31 * 60


def test_metrics_count_requests_by_operation_and_status(client, user_headers):
    labels = {
        "service": "runnerly-strava",
        "method": "GET",
        "operation": "runnerly_strava.links.api.get_link",
    }
    before = _counted(client, labels)
    assert client.get("/users/7/strava", headers=user_headers(7)).status_code == 404  # never linked
    assert _counted(client, labels) == before + 1


def _counted(client, labels: dict) -> float:
    text = client.get("/metrics").text
    return metric_value(text, "runnerly_http_requests_total", status="404", **labels) or 0
