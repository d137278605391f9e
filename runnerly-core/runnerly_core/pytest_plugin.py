"""Fixtures every service's suite shares, loaded by pytest through the ``pytest11`` entry
point of runnerly-core (installed with its ``testing`` extra).

- ``issuer``: a :class:`~runnerly_core.testing.TestIssuer` for the session, whose tokens the
  service under test is told to trust.
- ``_rolled_back`` (automatic): a test that uses the app (``connexion_app`` or ``app``)
  runs inside a transaction of the suite's database, rolled back when it ends. A suite
  names its database with a ``service_database`` fixture (its ``db`` extension), and
  turns this off for a live deployment with a ``live_url`` fixture that is not empty.
"""

from __future__ import annotations

import pytest

from runnerly_core.testing import TestIssuer, rolled_back

APP_FIXTURES = frozenset({"connexion_app", "app"})


@pytest.fixture(scope="session")
def issuer() -> TestIssuer:
    return TestIssuer()


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
