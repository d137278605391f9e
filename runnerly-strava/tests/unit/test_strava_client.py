"""The Strava client: typed errors, rate headers handed on, OAuth requests as Strava wants them."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from runnerly_strava.strava.client import StravaApi
from runnerly_strava.strava.errors import (
    StravaNotFound,
    StravaRateLimited,
    StravaUnauthorized,
    StravaUnavailable,
)
from runnerly_strava.strava.oauth import StravaOAuth
from runnerly_strava.strava.ratelimits import WindowUsage, parse_rate_headers

from .conftest import STRAVA, rate_headers

ACTIVITIES = f"{STRAVA}/api/v3/athlete/activities"


@pytest.fixture
def api() -> StravaApi:
    return StravaApi(f"{STRAVA}/api/v3")


def test_it_pages_with_before_and_hands_every_rate_header_on(api, requests_mock):
    requests_mock.get(ACTIVITIES, json=[{"id": 1}], headers=rate_headers(read=(37, 412)))
    seen = []
    assert api.list_activities("tok", seen.append, before=1700000000) == [{"id": 1}]
    assert requests_mock.last_request.qs == {"before": ["1700000000"], "page": ["1"], "per_page": ["200"]}
    assert requests_mock.last_request.headers["Authorization"] == "Bearer tok"
    assert seen[0]["read_15min"] == WindowUsage(37, 100)
    assert seen[0]["read_daily"] == WindowUsage(412, 1000)


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, StravaUnauthorized), (404, StravaNotFound), (429, StravaRateLimited), (503, StravaUnavailable)],
)
def test_each_failure_has_its_own_error(api, requests_mock, status, error):
    requests_mock.get(
        f"{STRAVA}/api/v3/activities/5", status_code=status, json={"message": "no", "errors": []}
    )
    with pytest.raises(error):
        api.get_activity("tok", lambda usage: None, 5)


def test_a_429_carries_the_usage_that_explains_it(api, requests_mock):
    requests_mock.get(ACTIVITIES, status_code=429, json={}, headers=rate_headers(read=(101, 300)))
    with pytest.raises(StravaRateLimited) as raised:
        api.list_activities("tok", lambda usage: None)
    assert raised.value.usage["read_15min"].spent


def test_a_network_failure_is_worth_retrying(api, requests_mock):
    requests_mock.get(ACTIVITIES, exc=requests.ConnectTimeout)
    with pytest.raises(StravaUnavailable):
        api.list_activities("tok", lambda usage: None)


def test_missing_or_malformed_rate_headers_give_no_usage():
    assert parse_rate_headers({}) is None
    assert parse_rate_headers({**rate_headers(), "X-RateLimit-Usage": "12"}) is None


def test_the_authorize_url_asks_for_every_activity_and_carries_the_state():
    url = StravaOAuth(f"{STRAVA}/oauth", "12345", "s").authorize_url("http://localhost/cb", "st")
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{STRAVA}/oauth/authorize?")
    assert query == {
        "client_id": ["12345"],
        "redirect_uri": ["http://localhost/cb"],
        "response_type": ["code"],
        "approval_prompt": ["auto"],
        "scope": ["read,activity:read_all"],
        "state": ["st"],
    }


def test_a_browser_is_sent_to_the_public_url_while_codes_are_exchanged_on_the_internal_one(requests_mock):
    oauth = StravaOAuth(
        "http://strava-sandbox:5090/oauth", "12345", "s", public_url="http://localhost:5090/oauth"
    )
    requests_mock.post(
        "http://strava-sandbox:5090/oauth/token",
        json={"access_token": "a", "refresh_token": "r", "expires_at": 99},
    )
    assert oauth.authorize_url("http://localhost/cb", "st").startswith(
        "http://localhost:5090/oauth/authorize?"
    )
    assert oauth.exchange_code("c").access_token == "a"


def test_a_refresh_sends_the_app_credentials_and_returns_the_rotated_pair(requests_mock):
    requests_mock.post(
        f"{STRAVA}/oauth/token", json={"access_token": "a2", "refresh_token": "r2", "expires_at": 99}
    )
    grant = StravaOAuth(f"{STRAVA}/oauth", "12345", "s").refresh("r1")
    assert (grant.access_token, grant.refresh_token, grant.expires_at) == ("a2", "r2", 99)
    assert parse_qs(requests_mock.last_request.text) == {
        "client_id": ["12345"],
        "client_secret": ["s"],
        "grant_type": ["refresh_token"],
        "refresh_token": ["r1"],
    }
