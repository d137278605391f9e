"""Per-application rate limits: aligned windows, headers everywhere, 429s that still count."""

from __future__ import annotations

from dataclasses import replace

import pytest
import requests

from runnerly_strava.sandbox import Application, RateLimits
from runnerly_strava.sandbox.testing import serve_sandbox

HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Usage", "X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage")
#: 2026-03-10 10:14:59 UTC: one second before a quarter-hour boundary.
QUARTER_EDGE = 1773137699


@pytest.fixture
def limited(config, clock):
    """A sandbox allowing 5 requests per 15 minutes and 12 a day."""
    clock.set(QUARTER_EDGE - 60)
    limits = RateLimits(overall=(5, 12), read=(100, 1000))
    with serve_sandbox(replace(config, rate_limits=limits)) as strava:
        yield strava


def _athlete(strava, token) -> requests.Response:
    return requests.get(strava.url("/api/v3/athlete"), headers=strava.bearer(token), timeout=10)


def _usage(response: requests.Response) -> tuple[int, int]:
    quarter, day = response.headers["X-RateLimit-Usage"].split(",")
    return int(quarter), int(day)


def test_every_api_answer_carries_the_four_headers(api, strava):
    answers = [api.get("/athlete"), api.get("/activities/1"),
               api.get("/athlete", token={"access_token": "x"}),
               api.get("/athlete/activities", per_page=999)]  # fmt: skip
    assert [a.status_code for a in answers] == [200, 404, 401, 400]
    for answer in answers:
        assert all(header in answer.headers for header in HEADERS)
    assert answers[0].headers["X-RateLimit-Limit"] == "5000,50000"
    assert [_usage(a) for a in answers] == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_the_default_limits_are_stravas():
    assert RateLimits() == RateLimits(overall=(200, 2000), read=(100, 1000))


def test_oauth_endpoints_are_neither_limited_nor_counted(limited):
    for _ in range(7):
        token = limited.authorize(athlete_id=1)
    assert _usage(_athlete(limited, token)) == (1, 1)


def test_over_the_15_minute_limit_is_a_429_until_the_next_quarter_hour(limited, clock):
    token = limited.authorize(athlete_id=1)
    assert [_athlete(limited, token).status_code for _ in range(5)] == [200] * 5
    refused = _athlete(limited, token)
    assert refused.status_code == 429
    assert refused.json() == {
        "message": "Rate Limit Exceeded",
        "errors": [{"resource": "Application", "field": "rate limit", "code": "exceeded"}],
    }
    assert refused.headers["X-RateLimit-Usage"] == "6,6"
    clock.set(QUARTER_EDGE)
    assert _athlete(limited, token).status_code == 429
    clock.advance(1)  # 10:15:00: the window is aligned to the clock, not to the first request
    again = _athlete(limited, token)
    assert again.status_code == 200
    assert _usage(again) == (1, 8)


def test_refused_requests_still_count_toward_the_day(limited, clock):
    token = limited.authorize(athlete_id=1)
    for _ in range(9):  # 5 served, 4 refused
        _athlete(limited, token)
    clock.set(QUARTER_EDGE + 1)
    served = [_athlete(limited, token).status_code for _ in range(4)]
    assert served == [200, 200, 200, 429]  # the day's 12 are spent after 8 served requests


def test_the_daily_limit_holds_across_quarters_until_midnight_utc(limited, clock):
    token = limited.authorize(athlete_id=1)
    for quarter in range(3):
        clock.set(QUARTER_EDGE + 1 + quarter * 900)
        for _ in range(4):
            _athlete(limited, token)
    clock.set(QUARTER_EDGE + 1 + 3 * 900)
    assert _athlete(limited, token).status_code == 429
    next_midnight = (QUARTER_EDGE // 86400 + 1) * 86400
    clock.set(next_midnight - 1)
    assert _athlete(limited, token).status_code == 429
    clock.set(next_midnight)
    fresh = _athlete(limited, limited.authorize(athlete_id=1))
    assert fresh.status_code == 200
    assert _usage(fresh) == (1, 1)


def test_the_read_limit_is_enforced_too(config):
    with serve_sandbox(
        replace(config, rate_limits=RateLimits(overall=(200, 2000), read=(2, 1000)))
    ) as strava:
        token = strava.authorize(athlete_id=1)
        answers = [_athlete(strava, token) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[-1].headers["X-ReadRateLimit-Usage"] == "3,3"
        assert answers[-1].headers["X-ReadRateLimit-Limit"] == "2,1000"


def test_limits_are_per_application_and_shared_by_its_athletes(config):
    apps = (Application("1", "one"), Application("2", "two"))
    limits = RateLimits(overall=(2, 100), read=(100, 1000))
    with serve_sandbox(replace(config, applications=apps, rate_limits=limits)) as strava:
        first = strava.authorize(athlete_id=1)
        second = strava.authorize(athlete_id=2)
        assert _athlete(strava, first).ok
        assert _athlete(strava, second).ok
        assert _athlete(strava, first).status_code == 429
        other_app = strava.authorize(athlete_id=1, application=apps[1])
        assert [_athlete(strava, other_app).status_code for _ in range(3)] == [200, 200, 429]


def test_limits_can_be_changed_at_run_time(strava, token):
    strava.admin("PUT", "/rate-limits", json={"overall": [1, 10]})
    assert _athlete(strava, token).ok
    assert _athlete(strava, token).status_code == 429
    state = strava.admin("GET", "/rate-limits").json()
    assert state["limits"] == {"overall": [1, 10], "read": [5000, 50000]}
    assert state["usage"][strava.client_id] == {"overall": [2, 2], "read": [2, 2]}
