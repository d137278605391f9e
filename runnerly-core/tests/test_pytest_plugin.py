"""The fixtures of runnerly_core.pytest_plugin, in a suite of their own (pytester): what a
test writes through the app's database is gone for the next test, whichever of the
plugin's fixtures brought the app in."""

from __future__ import annotations

pytest_plugins = ["pytester"]

# Locust (for the load smoke) installs a pytest plugin that monkey-patches the standard
# library with gevent when loaded: nested sessions then recurse without end.
QUIET_PLUGINS = ("-p", "no:cacheprovider", "-p", "no:locust")

SUITE = '''
import flask
import pytest
from sqlalchemy import text

from runnerly_core.db import Database

db = Database()


class App:
    """Just enough of a Connexion app: a Flask app bound to a database."""

    def __init__(self, url):
        self.app = flask.Flask(__name__)
        db.init_app(self.app, url)
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE runs (id INTEGER PRIMARY KEY)"))

    def test_client(self):
        return "the test client"


@pytest.fixture(scope="session")
def connexion_app(tmp_path_factory):
    return App(f"sqlite:///{tmp_path_factory.mktemp('db') / 'suite.sqlite'}")


@pytest.fixture(scope="session")
def service_database():
    return db


def count(session):
    return session.execute(text("SELECT count(*) FROM runs")).scalar()
'''

TESTS = """
from sqlalchemy import text

from conftest import count


def test_writes_through_the_session_fixture(session):
    session.execute(text("INSERT INTO runs (id) VALUES (1)"))
    session.commit()
    assert count(session) == 1


def test_then_writes_with_only_the_client_asked_for(client):
    from conftest import db

    assert client == "the test client"
    with db.new_session() as session:
        assert count(session) == 0  # the first test's row was rolled back
        session.execute(text("INSERT INTO runs (id) VALUES (2)"))
        session.commit()


def test_and_finds_nothing_left(session):
    assert count(session) == 0
"""


def test_every_test_that_reaches_the_app_is_rolled_back(pytester):
    pytester.makeconftest(SUITE)
    pytester.makepyfile(test_suite=TESTS)
    result = pytester.runpytest(*QUIET_PLUGINS, "-p", "no:randomly")
    result.assert_outcomes(passed=3)


def test_the_token_endpoint_mints_the_issuers_tokens_for_both_grants(pytester):
    pytester.makepyfile(
        test_tokens="""
import jwt
import requests

from runnerly_core.testing_suite import USER_GRANT


def test_tokens(token_url, issuer):
    jwks = requests.get(f"{token_url}/.well-known/jwks.json", timeout=5).json()
    assert [key["kid"] for key in jwks["keys"]] == [issuer.kid]
    user = {"grant_type": USER_GRANT, "subject": "7", "audience": "runnerly-data", "scope": "runs:read"}
    service = {"grant_type": "client_credentials", "audience": "runnerly-data", "scope": "users:read"}
    claims = []
    for form in (user, service):
        auth = ("runnerly-dashboard", "s")
        answer = requests.post(f"{token_url}/oauth/token", data=form, auth=auth, timeout=5)
        claims.append(jwt.decode(answer.json()["access_token"], options={"verify_signature": False}))
    assert [(c["sub"], c["subject_type"], c["scope"]) for c in claims] == [
        ("7", "user", "runs:read"),
        ("runnerly-dashboard", "service", "users:read"),
    ]
"""
    )
    result = pytester.runpytest(*QUIET_PLUGINS)
    result.assert_outcomes(passed=1)
