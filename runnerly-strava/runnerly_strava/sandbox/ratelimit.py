"""Strava's per-application rate limits: a 15-minute and a daily window.

The 15-minute window resets at :00, :15, :30 and :45 and the daily one at
midnight UTC. Every request counts, rejected ones included, which is why a
client that keeps knocking after a 429 burns its daily budget.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .config import Clock, RateLimits

QUARTER_HOUR = 900
DAY = 86400


@dataclass
class _Usage:
    quarter: int = -1
    day: int = -1
    overall: list[int] = field(default_factory=lambda: [0, 0])
    read: list[int] = field(default_factory=lambda: [0, 0])

    def roll(self, quarter: int, day: int) -> None:
        if quarter != self.quarter:
            self.quarter, self.overall[0], self.read[0] = quarter, 0, 0
        if day != self.day:
            self.day, self.overall[1], self.read[1] = day, 0, 0


@dataclass(frozen=True)
class Verdict:
    limited: bool
    headers: dict[str, str]


class RateLimiter:
    def __init__(self, limits: RateLimits, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.limits = limits
        self._usage: dict[str, _Usage] = {}

    def reset(self, limits: RateLimits) -> None:
        with self._lock:
            self.limits = limits
            self._usage.clear()

    def set_limits(self, limits: RateLimits) -> None:
        with self._lock:
            self.limits = limits

    def hit(self, client_id: str) -> Verdict:
        """Count one request (the sandbox has no upload endpoint, so every
        request is also a read) and say whether it is over a limit."""
        with self._lock:
            usage = self._current(client_id)
            for window in (0, 1):
                usage.overall[window] += 1
                usage.read[window] += 1
            over = any(
                count > limit
                for counts, limits in ((usage.overall, self.limits.overall), (usage.read, self.limits.read))
                for count, limit in zip(counts, limits, strict=True)
            )
            return Verdict(over, self._headers(usage))

    def usage(self) -> dict[str, dict[str, list[int]]]:
        with self._lock:
            return {
                client_id: {"overall": list(u.overall), "read": list(u.read)}
                for client_id, u in ((c, self._current(c)) for c in list(self._usage))
            }

    def _current(self, client_id: str) -> _Usage:
        now = int(self._clock())
        usage = self._usage.setdefault(client_id, _Usage())
        usage.roll(now // QUARTER_HOUR, now // DAY)
        return usage

    def _headers(self, usage: _Usage) -> dict[str, str]:
        def pair(values: tuple[int, int] | list[int]) -> str:
            return f"{values[0]},{values[1]}"

        return {
            "X-RateLimit-Limit": pair(self.limits.overall),
            "X-RateLimit-Usage": pair(usage.overall),
            "X-ReadRateLimit-Limit": pair(self.limits.read),
            "X-ReadRateLimit-Usage": pair(usage.read),
        }
