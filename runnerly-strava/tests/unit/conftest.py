"""Unit fixtures: the app built once per session on a fresh database, every test rolled
back, Strava mocked with requests-mock, and jobs recorded instead of sent to a broker."""

from __future__ import annotations

import time
from collections import defaultdict

import pytest
from cryptography.fernet import Fernet

from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url, load_hypothesis_profile
from runnerly_strava.access import RUNTIME
from runnerly_strava.app import create_app
from runnerly_strava.cli import MIGRATIONS
from runnerly_strava.extensions import db
from runnerly_strava.links.models import Link
from runnerly_strava.settings import SERVICE, StravaSettings

load_hypothesis_profile()

STRAVA = "https://strava.test"
DATA = "https://data.test"
KEY = Fernet.generate_key().decode()
WEBHOOK_PATH_SECRET = "Xq3v9kPz7Lm2Rt8Wc5Yb1Nd4Hf6Gj0Sa"
WEBHOOK = f"/webhook/{WEBHOOK_PATH_SECRET}"
EVENTS_PER_MINUTE = 3


class RecordedJobs:
    """:class:`runnerly_strava.runtime.Jobs` that only remembers what was asked."""

    def __init__(self) -> None:
        self.sent = defaultdict(list)

    def backfill(self, user_id, before) -> None:
        self.sent["backfill"].append((user_id, before))

    def details(self, activity_ids) -> None:
        self.sent["details"].extend(activity_ids)

    def webhook_event(self, event_id) -> None:
        self.sent["webhook_event"].append(event_id)

    def incremental(self, user_id) -> None:
        self.sent["incremental"].append(user_id)


@pytest.fixture(scope="session")
def settings(tmp_path_factory, issuer) -> StravaSettings:
    url = fresh_database_url(SERVICE, tmp_path_factory.mktemp("db"))
    upgrade(url, MIGRATIONS)
    return StravaSettings(
        environment="test",
        database_url=url,
        broker_url="memory://",
        token_issuer=issuer.issuer,
        api_url=f"{STRAVA}/api/v3",
        oauth_url=f"{STRAVA}/oauth",
        data_url=DATA,
        token_url="https://tokens.test/oauth/token",
        suite_client_id="runnerly-strava",
        suite_client_secret="s",
        strava_client_id="12345",
        strava_client_secret="strava-secret",
        token_keys=KEY,
        state_secret="state-secret-for-tests",
        webhook_verify_token="verify-me",
        webhook_path_secret=WEBHOOK_PATH_SECRET,
        webhook_events_per_athlete_minute=EVENTS_PER_MINUTE,
        webhook_subscription_id=777,
        validate_responses=True,
        log_json=False,
    )


@pytest.fixture(scope="session")
def connexion_app(settings, issuer):
    app = create_app(settings, jobs=RecordedJobs())
    issuer.trusted_by(app)
    return app


@pytest.fixture
def runtime(connexion_app):
    runtime = connexion_app.app.extensions[RUNTIME]
    runtime.jobs.sent.clear()
    return runtime


@pytest.fixture(scope="session")
def service_database():
    """Each test's writes are rolled back (runnerly_core.pytest_plugin)."""
    return db


@pytest.fixture
def user_headers(issuer):
    def headers(user_id: int, scope: str = "strava:link strava:read") -> dict:
        return {"Authorization": f"Bearer {issuer.user_token(user_id, audience=SERVICE, scope=scope)}"}

    return headers


@pytest.fixture
def service_token(requests_mock):
    """The suite's token endpoint, answering a client-credentials token."""
    requests_mock.post("https://tokens.test/oauth/token", json={"access_token": "svc", "expires_in": 300})


def new_link(runtime, user_id: int = 7, athlete_id: int = 42, expires_in: int = 6 * 3600, **fields) -> Link:
    """An active link with sealed tokens, its backfill not started."""
    defaults = {"backfill_state": "pending", "backfill_pages": 0, "backfill_scanned": 0, "backfill_runs": 0}
    return Link(
        user_id=user_id,
        athlete_id=athlete_id,
        scope="read,activity:read_all",
        status="active",
        access_token=runtime.cipher.seal("access-1"),
        refresh_token=runtime.cipher.seal("refresh-1"),
        expires_at=int(time.time()) + expires_in,
        athlete_name="Ada L",
        **{**defaults, **fields},
    )


@pytest.fixture
def make_link(session, runtime):
    def make(**fields) -> Link:
        link = new_link(runtime, **fields)
        session.add(link)
        session.commit()
        return link

    return make


def rate_headers(overall=(10, 100), read=(10, 100), limits=((200, 2000), (100, 1000))) -> dict:
    return {
        "X-RateLimit-Limit": f"{limits[0][0]},{limits[0][1]}",
        "X-RateLimit-Usage": f"{overall[0]},{overall[1]}",
        "X-ReadRateLimit-Limit": f"{limits[1][0]},{limits[1][1]}",
        "X-ReadRateLimit-Usage": f"{read[0]},{read[1]}",
    }


def activity(activity_id: int, start: str = "2026-03-01T08:30:00Z", **fields) -> dict:
    """A SummaryActivity as Strava sends it."""
    return {
        "id": activity_id,
        "name": "Morning Run",
        "distance": 10012.3,
        "moving_time": 2950,
        "elapsed_time": 3010,
        "total_elevation_gain": 41.2,
        "type": "Run",
        "sport_type": "Run",
        "workout_type": 0,
        "start_date": start,
        "start_date_local": start,
        "timezone": "(GMT+00:00) Europe/London",
        "utc_offset": 0.0,
        "average_speed": 3.394,
        "max_speed": 4.8,
        "has_heartrate": True,
        "average_heartrate": 148.2,
        "max_heartrate": 171.0,
        "average_cadence": 84.1,
        "private": False,
        "map": {"id": f"a{activity_id}", "summary_polyline": "_p~iF~ps|U_ulLnnqC"},
        "athlete": {"id": 42, "resource_state": 1},
        **fields,
    }
