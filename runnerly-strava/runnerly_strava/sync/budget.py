"""One Strava rate budget shared by every worker, kept in the service's database.

Before a call, a worker reserves one request in each of Strava's four windows with a
conditional UPDATE, so concurrent workers cannot overspend; after the call, the window
counts are raised to what Strava's headers say. Summaries may use a window up to its limit
less a small margin; detail fetches only up to a share of it, so they never starve
summaries and webhooks. When a window is spent the caller gets a :class:`Deferral` to the
window's reset instead of a sleep.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_strava.strava.ratelimits import (
    DEFAULT_LIMITS,
    QUARTER_HOUR,
    RateUsage,
    window_reset,
    window_start,
)
from runnerly_strava.sync.models import RateWindow

SUMMARIES = "summaries"
DETAILS = "details"


@dataclass(frozen=True)
class Deferral:
    """Try again at ``resume_at`` (epoch s); ``daily`` waits are too long to hold a task."""

    resume_at: float
    daily: bool
    reason: str


class BudgetExhausted(Exception):
    def __init__(self, deferral: Deferral) -> None:
        super().__init__(deferral.reason)
        self.deferral = deferral


class RateBudget:
    def __init__(
        self,
        sessions: Callable[[], Session],
        *,
        details_share: float = 0.5,
        margin: int = 3,
        backoff_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._sessions = sessions
        self.details_share, self.margin, self.backoff_seconds = details_share, margin, backoff_seconds
        self.clock = clock

    def acquire(self, priority: str = SUMMARIES) -> None:
        """Reserve one request in every window, or raise :class:`BudgetExhausted`."""
        now = self.clock()
        with self._sessions() as session:
            _ensure_windows(session, now)
            for name in DEFAULT_LIMITS:
                if not _reserve(session, name, window_start(name, now), self._cap(priority)):
                    session.rollback()
                    raise BudgetExhausted(_deferral_for(name, now, f"{name} budget spent for {priority}"))
            session.commit()

    def record(self, usage: RateUsage | None) -> None:
        """Raise the window counts to Strava's own (every response carries them)."""
        if usage is None:
            return
        now = self.clock()
        with self._sessions() as session:
            _ensure_windows(session, now)
            for name, window in usage.items():
                _raise_count(session, name, window_start(name, now), window.used, window.limit)
            session.commit()

    def after_rate_limited(self, usage: RateUsage | None, attempt: int) -> Deferral:
        """A 429: wait for the spent window's reset; when the headers show no spent window,
        back off exponentially, never past the next quarter hour."""
        now = self.clock()
        spent = [name for name, window in (usage or {}).items() if window.spent]
        daily = [name for name in spent if name.endswith("daily")]
        if daily or spent:
            return _deferral_for((daily or spent)[0], now, "Strava answered 429")
        ceiling = window_reset("read_15min", now) - now
        delay = min(ceiling, self.backoff_seconds * 2**attempt) * random.uniform(0.5, 1.0)  # noqa: S311
        return Deferral(now + delay, False, "Strava answered 429 with budget left: backing off")

    def _cap(self, priority: str) -> Callable:
        if priority == DETAILS:
            return lambda limit: limit * self.details_share
        return lambda limit: limit - self.margin


def _deferral_for(name: str, now: float, reason: str) -> Deferral:
    return Deferral(float(window_reset(name, now)), name.endswith("daily"), reason)


def _ensure_windows(session: Session, now: float) -> None:
    existing = set(session.scalars(select(RateWindow.name)))
    missing = [name for name in DEFAULT_LIMITS if name not in existing]
    if not missing:
        return
    try:
        with session.begin_nested():
            for name in missing:
                session.add(
                    RateWindow(
                        name=name, window_start=window_start(name, now), used=0, limit=DEFAULT_LIMITS[name]
                    )
                )
    except IntegrityError:
        pass  # another worker created them first


def _reserve(session: Session, name: str, start: int, cap: Callable) -> bool:
    """One conditional UPDATE: count the request unless the window is at its cap."""
    same_window = RateWindow.window_start == start
    statement = (
        update(RateWindow)
        .where(RateWindow.name == name, or_(~same_window, RateWindow.used < cap(RateWindow.limit)))
        .values(used=case((same_window, RateWindow.used + 1), else_=1), window_start=start)
    )
    return session.execute(statement).rowcount == 1


def _raise_count(session: Session, name: str, start: int, used: int, limit: int) -> None:
    larger = func.greatest if session.get_bind().dialect.name == "postgresql" else func.max
    same_window = RateWindow.window_start == start
    session.execute(
        update(RateWindow)
        .where(RateWindow.name == name)
        .values(
            used=case((same_window, larger(RateWindow.used, used)), else_=used),
            window_start=start,
            limit=limit,
        )
    )


def countdown(deferral: Deferral, now: float) -> float:
    """Seconds to wait, with jitter so deferred workers don't all wake in the same second;
    always below RabbitMQ's 30-minute limit on unacknowledged messages."""
    spread = random.uniform(0, 10) if deferral.resume_at - now >= 60 else 0  # noqa: S311
    return max(0.0, min(deferral.resume_at - now + spread, QUARTER_HOUR + 60))
