"""Fixtures every service's suite shares, loaded by pytest through the ``pytest11`` entry
point of runnerly-core (installed with its ``testing`` extra).

- ``issuer``: a :class:`~runnerly_core.testing.TestIssuer` for the session, whose tokens the
  service under test is told to trust.
- ``token_url``: a token endpoint for the session (:func:`runnerly_core.testing_suite.token_server`)
  minting the issuer's tokens, with its JWKS at ``<token_url>/.well-known/jwks.json``.
- ``broker_url``: the test broker (``RUNNERLY_TEST_BROKER_URL``); the test is skipped on a
  developer's machine without one, and fails in CI.
- ``client``: the test client (Starlette's, httpx) of the suite's ``connexion_app``.
- ``session``: a database session outside any request (what workers and consumers use),
  in the test's rolled-back transaction.
- ``_rolled_back`` (automatic): a test that uses the app (``connexion_app``, ``app`` or
  ``webtest``) runs inside a transaction of the suite's database, rolled back when it
  ends. A suite names its database with a ``service_database`` fixture (its ``db``
  extension), and turns this off for a live deployment with a ``live_url`` fixture that
  is not empty.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runnerly_core.testing import TEST_BROKER_URL, TestIssuer, broker_or_skip, rolled_back

APP_FIXTURES = frozenset({"connexion_app", "app", "webtest"})


@pytest.fixture(scope="session")
def issuer() -> TestIssuer:
    return TestIssuer()


@pytest.fixture(scope="session")
def token_url(issuer) -> Iterator[str]:
    from runnerly_core.testing_suite import token_server  # its servers load only when used

    with token_server(issuer) as url:
        yield url


# Both name connexion_app as an argument: the automatic roll-back sees only what a test
# asks for by name, directly or through its fixtures' arguments.
@pytest.fixture
def client(connexion_app):
    return connexion_app.test_client()


@pytest.fixture(scope="session")
def broker_url() -> str:
    broker_or_skip(TEST_BROKER_URL).release()
    return TEST_BROKER_URL


@pytest.fixture
def session(connexion_app, service_database):
    with service_database.new_session() as opened:
        yield opened


@pytest.fixture(scope="session")
def live_url() -> str | None:
    """Where a live deployment answers; None in-process (suites that drive one override it)."""
    return None


@pytest.fixture(autouse=True)
def _rolled_back(request):
    if not APP_FIXTURES & set(request.fixturenames) or request.getfixturevalue("live_url"):
        yield
        return
    try:
        database = request.getfixturevalue("service_database")
    except pytest.FixtureLookupError:
        yield
        return
    request.getfixturevalue("connexion_app")
    with rolled_back(database):
        yield
