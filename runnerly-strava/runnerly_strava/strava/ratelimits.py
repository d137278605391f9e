"""Strava's rate-limit headers: ``X-RateLimit-*`` (overall) and ``X-ReadRateLimit-*``.

Each header holds two numbers, ``"<15-minute>,<daily>"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

QUARTER_HOUR = 900
DAY = 86400
# (window name, header prefix, position in the header, window length in seconds)
WINDOWS = (
    ("overall_15min", "X-RateLimit", 0, QUARTER_HOUR),
    ("overall_daily", "X-RateLimit", 1, DAY),
    ("read_15min", "X-ReadRateLimit", 0, QUARTER_HOUR),
    ("read_daily", "X-ReadRateLimit", 1, DAY),
)
WINDOW_SECONDS = {name: seconds for name, _, _, seconds in WINDOWS}
# Strava's documented defaults, used until a response tells the real limits.
DEFAULT_LIMITS = {"overall_15min": 200, "overall_daily": 2000, "read_15min": 100, "read_daily": 1000}


@dataclass(frozen=True)
class WindowUsage:
    used: int
    limit: int

    @property
    def spent(self) -> bool:
        return self.used >= self.limit


RateUsage = dict[str, WindowUsage]


def parse_rate_headers(headers: Mapping[str, str]) -> RateUsage | None:
    """The usage of each window, or None when a header is missing or malformed."""
    usage: RateUsage = {}
    for name, prefix, position, _ in WINDOWS:
        try:
            used = int(headers[f"{prefix}-Usage"].split(",")[position])
            limit = int(headers[f"{prefix}-Limit"].split(",")[position])
        except (KeyError, ValueError, IndexError):
            return None
        usage[name] = WindowUsage(used, limit)
    return usage


def window_start(name: str, now: float) -> int:
    """Windows are aligned: quarter hours (:00, :15, :30, :45) and UTC midnight."""
    seconds = WINDOW_SECONDS[name]
    return int(now) // seconds * seconds


def window_reset(name: str, now: float) -> int:
    return window_start(name, now) + WINDOW_SECONDS[name]
