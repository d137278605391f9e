"""Fault tests: the integration harness (sandbox, data service under gunicorn, Celery
workers, our app, PostgreSQL) on a RabbitMQ node of their own, so that the broker can be
stopped for real, and with a token issuer whose keys can be rotated and revoked.

``make test-faults`` runs them; ``make test`` does not (they take minutes, most of it the
outages themselves).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from integration.conftest import *  # noqa: F403 — the harness's fixtures, extended below
from integration.suite import DataService, celery_worker, restartable_data_service

from runnerly_core.testing import fresh_database_url, require_in_ci
from runnerly_strava.worker import celery_app

from .broker import PrivateBroker, server_command
from .issuer import RotatingIssuer

# The data service drops a revoked key at its next periodic JWKS fetch (300 s by default).
# Two seconds here, so that "the revoked key is refused" is a matter of seconds in every
# run; at 300 s it held only when a miss happened to make a worker refetch after the revocation.
JWKS_ENV = {"RUNNERLY_DATA_JWKS_REFRESH_SECONDS": "2", "RUNNERLY_DATA_JWKS_MIN_REFRESH_SECONDS": "1"}


@pytest.fixture(scope="session")
def private_broker(tmp_path_factory) -> Iterator[PrivateBroker]:
    if server_command() is None:
        require_in_ci("rabbitmq-server (Debian's package) for the fault tests' own broker")
        pytest.skip("rabbitmq-server is not installed")
    broker = PrivateBroker(tmp_path_factory.mktemp("rabbitmq"))
    broker.start()
    yield broker
    broker.stop()


@pytest.fixture
def solo_worker(runtime) -> Iterator:
    """The worker for a broker outage: solo, as ``make run`` starts it (deployments run
    prefork). The harness's pool of threads acks a task from the task's own thread on the
    consumer's connection; when the broker drops it mid-task, that late ack and the
    consumer's first call on the new connection can read each other's replies, and the
    consumer then waits for ever (seen: blocked in ``basic_qos``, the backfill stalled)."""
    with celery_worker(celery_app, concurrency=1, pool="solo") as running:
        yield running


@pytest.fixture(scope="session")
def broker_url(private_broker) -> str:
    return private_broker.url


@pytest.fixture(scope="session")
def issuer() -> RotatingIssuer:
    return RotatingIssuer()


@pytest.fixture(scope="session")
def data_process(broker_url, tmp_path_factory, token_url, issuer) -> Iterator[DataService]:
    database = fresh_database_url("runnerly-strava-data", tmp_path_factory.mktemp("data"))
    logs = tmp_path_factory.mktemp("logs")
    with restartable_data_service(database, token_url, issuer, logs, JWKS_ENV) as service:
        yield service


def assert_every_run_once(suite, runner: int, athlete_id: int) -> None:
    """The invariant every fault test ends with: each of the athlete's runs on Strava is in
    the data service exactly once, and nothing else is."""
    runs = suite.strava_runs(runner)
    expected = {str(a.id) for a in suite.sandbox.sandbox.activities.of_athlete(athlete_id, True) if a.is_run}
    source_ids = [run["source_id"] for run in runs]
    assert len(source_ids) == len(set(source_ids)), "a run is stored twice"
    assert set(source_ids) == expected
