"""Figures the on-call person watches, read from the service's database when scraped:
Strava's budget left in each rate window, how far behind the sync is, and the links by
backfill state. The API process reports them for every worker (they share the database).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerly_core.metrics import GaugeCollector
from runnerly_strava.links.models import Link
from runnerly_strava.strava.ratelimits import DEFAULT_LIMITS, window_start
from runnerly_strava.sync.models import RateWindow

Sessions = Callable[[], Session]


def collectors(sessions: Sessions, clock: Callable[[], float] = time.time) -> list[GaugeCollector]:
    return [
        GaugeCollector(
            "runnerly_strava_budget_remaining",
            "Strava requests left in the current rate window (15-minute and daily).",
            ["window"],
            lambda: budget_remaining(sessions, clock()),
        ),
        GaugeCollector(
            "runnerly_strava_sync_lag_seconds",
            "Age of the stalest active link's last sync (never synced: since it was linked).",
            [],
            lambda: {(): sync_lag(sessions, clock())},
        ),
        GaugeCollector(
            "runnerly_strava_links",
            "Active Strava links by backfill state.",
            ["backfill_state"],
            lambda: links_by_backfill_state(sessions),
        ),
    ]


def budget_remaining(sessions: Sessions, now: float) -> dict:
    """A window not yet used, or used in an earlier period, has its whole limit left."""
    with sessions() as session:
        windows = {window.name: window for window in session.scalars(select(RateWindow))}
    left = {}
    for name, default in DEFAULT_LIMITS.items():
        window = windows.get(name)
        if window is None or window.window_start != window_start(name, now):
            left[(name,)] = window.limit if window else default
        else:
            left[(name,)] = max(0, window.limit - window.used)
    return left


def sync_lag(sessions: Sessions, now: float) -> float:
    last = func.coalesce(Link.last_sync_at, Link.linked_at)
    with sessions() as session:
        oldest = session.scalar(select(func.min(last)).where(Link.status == "active"))
    if oldest is None:
        return 0.0
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return max(0.0, now - oldest.timestamp())


def links_by_backfill_state(sessions: Sessions) -> dict:
    query = (
        select(Link.backfill_state, func.count()).where(Link.status == "active").group_by(Link.backfill_state)
    )
    with sessions() as session:
        return {(state,): count for state, count in session.execute(query)}
