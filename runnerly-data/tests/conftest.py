"""Fixtures of the data service's suite.

In-process (the default) the app is built once per session on a fresh database, and
every test runs inside a transaction that is rolled back. With
``RUNNERLY_LIVE_DATA_URL`` set, the same functional tests drive a live deployment
through WSGIProxy2, with tokens from its token dealer (``RUNNERLY_LIVE_TOKEN_URL``,
``RUNNERLY_LIVE_CLIENT_ID``, ``RUNNERLY_LIVE_CLIENT_SECRET``: a trusted client).
"""

from __future__ import annotations

import os
import uuid

import pytest

from runnerly_core import auth
from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url, load_hypothesis_profile, webtest_app
from runnerly_data.app import create_app
from runnerly_data.cli import MIGRATIONS
from runnerly_data.extensions import db
from runnerly_data.settings import SERVICE, DataSettings

from .tokens import InProcessTokens, LiveTokens

load_hypothesis_profile()

LIVE_URL = os.environ.get("RUNNERLY_LIVE_DATA_URL")
ALL_SCOPES = "users:read users:write runs:read runs:write races:read races:write plans:read plans:write"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A fresh database for the session, migrated with the service's own migrations."""
    url = fresh_database_url(SERVICE, tmp_path_factory.mktemp("db"))
    upgrade(url, MIGRATIONS)
    return url


@pytest.fixture(scope="session")
def connexion_app(database_url, issuer):
    settings = DataSettings(
        environment="test",
        database_url=database_url,
        token_issuer=issuer.issuer,
        validate_responses=True,
        log_json=False,
    )
    app = create_app(settings)
    auth.verifier.configure(issuer=issuer.issuer, audience=SERVICE, fetch_jwks=issuer.jwks, min_refresh=0)
    return app


@pytest.fixture(scope="session")
def app(connexion_app):
    """The WebTest app: in-process, or the live deployment."""
    return webtest_app(connexion_app, live_url=LIVE_URL)


@pytest.fixture(scope="session")
def service_database():
    """Each test's writes are rolled back (runnerly_core.pytest_plugin)."""
    return db


@pytest.fixture(scope="session")
def live_url() -> str | None:
    return LIVE_URL


@pytest.fixture(scope="session")
def tokens(issuer):
    return LiveTokens.from_environment() if LIVE_URL else InProcessTokens(issuer)


@pytest.fixture
def service(tokens) -> dict:
    """Headers of a service token with every data scope."""
    return tokens.service(ALL_SCOPES)


@pytest.fixture
def make_runner(app, service):
    def make(**fields) -> int:
        body = {"email": f"runner-{uuid.uuid4().hex[:12]}@example.org", **fields}
        return app.post_json("/users", body, headers=service).json["id"]

    return make


@pytest.fixture
def runner(make_runner) -> int:
    return make_runner(
        first_name="Ada", timezone="Europe/London", max_heartrate=190, resting_heartrate=50, sex="F"
    )


@pytest.fixture
def as_runner(tokens, runner) -> dict:
    """Headers of the runner's own user token."""
    return tokens.user(runner, ALL_SCOPES)
