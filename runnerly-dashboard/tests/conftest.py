"""Fixtures of the dashboard's suite.

The dashboard runs in-process (WebTest) on a fresh, migrated database, each test in a
transaction rolled back. Around it are real parts: the data service in a subprocess on
its own fresh database, a token endpoint minting tokens with a test key (both grants),
and a real SMTP sink (aiosmtpd) whose Maildir the tests read the mailed links from.
The training and Strava services are faked at the HTTP edge where a test needs them; the
import service and its worker are real, started by the tests that upload (test_imports.py)
on a port reserved here.
"""

from __future__ import annotations

import uuid

import pytest

from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url, webtest_app
from runnerly_core.testing_suite import data_service, free_port
from runnerly_dashboard.app import create_app
from runnerly_dashboard.cli import MIGRATIONS
from runnerly_dashboard.extensions import db, mailer
from runnerly_dashboard.mail.sink import start_sink
from runnerly_dashboard.settings import DashboardSettings

from .runners import Browser, MailSink

TRAINING_URL = "http://training.test"
STRAVA_URL = "http://strava.test"


@pytest.fixture(scope="session")
def data_url(tmp_path_factory, token_url, issuer, broker_url):
    database = fresh_database_url("runnerly-dashboard-data", tmp_path_factory.mktemp("data"))
    env = {"RUNNERLY_DATA_BROKER_URL": broker_url}
    with data_service(database, token_url, issuer, tmp_path_factory.mktemp("logs"), env) as url:
        yield url


@pytest.fixture(scope="session")
def sink(tmp_path_factory) -> MailSink:
    directory = tmp_path_factory.mktemp("mail")
    port = free_port()
    controller = start_sink(directory, "127.0.0.1", port)
    yield MailSink(directory, port)
    controller.stop()


@pytest.fixture(scope="session")
def import_port() -> int:
    """Where the import service answers once a test starts it (the app is built once)."""
    return free_port()


@pytest.fixture(scope="session")
def settings(tmp_path_factory, token_url, data_url, sink, broker_url, import_port) -> DashboardSettings:
    url = fresh_database_url("runnerly-dashboard", tmp_path_factory.mktemp("db"))
    upgrade(url, MIGRATIONS)
    return DashboardSettings(
        environment="test",
        database_url=url,
        token_url=token_url,
        jwks_url=f"{token_url}/.well-known/jwks.json",
        data_url=data_url,
        training_url=TRAINING_URL,
        strava_url=STRAVA_URL,
        import_url=f"http://127.0.0.1:{import_port}",
        broker_url=broker_url,
        secret_key="test-secret-key-for-the-dashboard",
        smtp_host="127.0.0.1",
        smtp_port=sink.port,
        mail_sink_dir=sink.directory,
        validate_responses=True,
        log_json=False,
    )


@pytest.fixture(scope="session")
def connexion_app(settings):
    app = create_app(settings)
    mailer.enqueue = mailer.send  # the worker's job, done at once: tests read the sink next
    return app


@pytest.fixture(scope="session")
def webtest(connexion_app):
    return webtest_app(connexion_app)


@pytest.fixture(scope="session")
def service_database():
    """Each test's writes are rolled back (runnerly_core.pytest_plugin)."""
    return db


@pytest.fixture
def browser(webtest, sink) -> Browser:
    webtest.reset()
    return Browser(webtest, sink)


@pytest.fixture
def email() -> str:
    return f"runner-{uuid.uuid4().hex[:10]}@example.org"


PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def runner(browser, email) -> Browser:
    """A confirmed runner, logged in."""
    browser.sign_up(email, PASSWORD)
    browser.confirm(browser.sink.link_to(email, "/confirm"))
    return browser


@pytest.fixture
def edge():
    """The training and Strava services faked at the HTTP edge; everything else is real."""
    import requests_mock

    with requests_mock.Mocker(real_http=True) as mocker:
        yield mocker


@pytest.fixture
def data_as(data_url, issuer):
    """Calls to the real data service with a user token, as another service would."""
    import requests

    def call(user_id: int, method: str, path: str, **kwargs):
        token = issuer.user_token(user_id, audience="runnerly-data", scope=DATA_SCOPES)
        headers = {"Authorization": f"Bearer {token}"}
        return requests.request(method, f"{data_url}{path}", headers=headers, timeout=10, **kwargs)

    return call


DATA_SCOPES = "users:read users:write runs:read runs:write races:read races:write plans:read plans:write"
