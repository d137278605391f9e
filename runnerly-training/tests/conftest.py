"""Fixtures of the training service's suite.

The app is built once per session on a fresh, migrated cache database (PostgreSQL when
``RUNNERLY_TEST_DATABASE_URL`` is set), and every test runs inside a transaction that is
rolled back. The data service is faked at the HTTP edge (``fake_data_service.py``): the
training service is tested alone.
"""

from __future__ import annotations

import pytest

from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url, load_hypothesis_profile, webtest_app
from runnerly_training.app import create_app
from runnerly_training.cli import MIGRATIONS
from runnerly_training.extensions import db
from runnerly_training.settings import SERVICE, TrainingSettings

from .fake_data_service import DATA_URL, TOKEN_URL, FakeDataService, days_ago
from .runners import MAX_HR, RESTING_HR, training_year
from .tokens import InProcessTokens

# Plan generation takes a few milliseconds: 150 examples per property stay quick.
load_hypothesis_profile(max_examples=150)


@pytest.fixture(scope="session")
def connexion_app(tmp_path_factory, issuer):
    url = fresh_database_url(SERVICE, tmp_path_factory.mktemp("db"))
    upgrade(url, MIGRATIONS)
    settings = TrainingSettings(
        environment="test",
        database_url=url,
        token_issuer=issuer.issuer,
        validate_responses=True,
        log_json=False,
        data_url=DATA_URL,
        token_url=TOKEN_URL,
        client_secret="test-client-secret",
    )
    app = create_app(settings)
    issuer.trusted_by(app)
    return app


@pytest.fixture(scope="session")
def app(connexion_app):
    return webtest_app(connexion_app)


@pytest.fixture(scope="session")
def service_database():
    """Each test's writes are rolled back (runnerly_core.pytest_plugin)."""
    return db


@pytest.fixture(scope="session")
def tokens(issuer) -> InProcessTokens:
    return InProcessTokens(issuer)


@pytest.fixture
def data(requests_mock) -> FakeDataService:
    return FakeDataService(requests_mock)


@pytest.fixture
def runner(data) -> int:
    """A VDOT 45 runner with a year of training and a 10 km race 12 days ago."""
    user_id = data.add_user(sex="F", max_heartrate=MAX_HR, resting_heartrate=RESTING_HR, timezone="UTC")
    data.add_runs(user_id, training_year(days_ago(0)))
    return user_id


@pytest.fixture
def as_runner(tokens, runner) -> dict:
    """Headers of the runner's own user token with every training scope."""
    return tokens.user(runner)


@pytest.fixture
def service(tokens) -> dict:
    """Headers of a service token with every training scope."""
    return tokens.service()
