"""Fixtures: one app per session on a fresh, migrated database, a transaction per test.

With ``RUNNERLY_LIVE_TOKENDEALER_URL`` set, the HTTP tests run against that server instead;
they register their clients in its database (``RUNNERLY_TOKENDEALER_DATABASE_URL``, the
variable the server reads) and delete them afterwards. Tests marked ``in_process`` need the
app's internals and are skipped then.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from runnerly_core import db as database
from runnerly_core.testing import fresh_database_url, load_hypothesis_profile, rolled_back, webtest_app
from runnerly_tokendealer.app import create_app
from runnerly_tokendealer.cli import MIGRATIONS
from runnerly_tokendealer.cli_environment import CliEnvironment
from runnerly_tokendealer.extensions import HASHER, db, keys
from runnerly_tokendealer.keys.store import KeyStore
from runnerly_tokendealer.settings import SERVICE, TokenDealerSettings
from tests.helpers import ClientRegistry, OAuthActions, live_hasher, live_sessions

load_hypothesis_profile()

LIVE_URL = os.environ.get("RUNNERLY_LIVE_TOKENDEALER_URL")
TEST_ISSUER = "http://tokendealer.test"


def pytest_collection_modifyitems(config, items) -> None:
    if LIVE_URL:
        skip = pytest.mark.skip(reason="needs the app in process")
        for item in items:
            if "in_process" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> TokenDealerSettings:
    if LIVE_URL:
        return TokenDealerSettings()  # what the live server reads too
    tmp = tmp_path_factory.mktemp("tokendealer")
    url = fresh_database_url(SERVICE, tmp)
    database.upgrade(url, MIGRATIONS)
    return TokenDealerSettings(
        environment="test",
        database_url=url,
        data_dir=tmp / "data",
        token_issuer=TEST_ISSUER,
        validate_responses=True,
        log_json=False,
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
def app(settings):
    return None if LIVE_URL else create_app(settings)


@pytest.fixture(autouse=True)
def transaction(app) -> Iterator[None]:
    """Whatever a test writes is rolled back when it ends."""
    if app is None:
        yield
        return
    with rolled_back(db):
        yield


@pytest.fixture
def http(app):
    return webtest_app(app, live_url=LIVE_URL)


@pytest.fixture
def clients(app, transaction) -> Iterator[ClientRegistry]:
    if LIVE_URL:
        registry = ClientRegistry(live_sessions(), live_hasher(), delete_afterwards=True)
    else:
        registry = ClientRegistry(db.new_session, app.app.extensions[HASHER], delete_afterwards=False)
    yield registry
    registry.close()


@pytest.fixture
def oauth(http, settings) -> OAuthActions:
    return OAuthActions(http, issuer=settings.token_issuer)


@pytest.fixture
def key_store(app, settings, tmp_path) -> Iterator[KeyStore]:
    """The app's key store on a directory of this test's own."""
    keys.configure(tmp_path / "keys", bits=settings.rsa_key_bits, retention=settings.key_retention)
    keys.ensure_signing_key()
    yield keys
    keys.configure_from(settings)


@pytest.fixture
def cli_environment(app, settings, tmp_path) -> CliEnvironment:
    """Commands run in the test's transaction, with the test's signing keys and the app's
    client secret key (so that the secrets they make work against the app)."""
    own_keys = {"data_dir": tmp_path / "data", "client_secret_key_file": settings.client_secret_key_path}
    return CliEnvironment(settings.model_copy(update=own_keys), db.new_session)
