"""What can go wrong when talking to Strava, sorted by what the caller should do."""

from __future__ import annotations

from runnerly_strava.strava.ratelimits import RateUsage


class StravaError(Exception):
    """Strava refused the request; retrying the same request will not help."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"Strava answered {status}: {message}")
        self.status = status


class StravaUnauthorized(StravaError):
    """401: the access token expired, was revoked, or lacks a scope."""


class StravaNotFound(StravaError):
    """404: no such activity, or one this token may not see."""


class StravaRateLimited(StravaError):
    """429: a rate window is spent (the usage says which, when the headers came)."""

    def __init__(self, usage: RateUsage | None) -> None:
        super().__init__(429, "Rate Limit Exceeded")
        self.usage = usage


class StravaUnavailable(Exception):
    """A network failure or a 5xx answer: worth retrying later."""
