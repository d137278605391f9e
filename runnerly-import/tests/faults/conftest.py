"""Fault fixtures: the integration harness (real RabbitMQ, the import worker, the app on a
port) with a data service the test may stop and start again at the same address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runnerly_core.testing import fresh_database_url
from runnerly_core.testing_suite import DataService, restartable_data_service

from ..integration.conftest import *  # noqa: F403 — the harness's fixtures, extended below
from ..integration.conftest import live_import_settings


@pytest.fixture(scope="session")
def data_process(tmp_path_factory, token_url, issuer) -> Iterator[DataService]:
    database = fresh_database_url("runnerly-import-data", tmp_path_factory.mktemp("data"))
    with restartable_data_service(database, token_url, issuer, tmp_path_factory.mktemp("logs")) as service:
        yield service


@pytest.fixture(scope="session")
def data_url(data_process) -> str:
    return data_process.url


@pytest.fixture(scope="session")
def live_settings(broker_url, tmp_path_factory, data_url, token_url, issuer):
    """The harness's settings, with retries one second apart, doubling, and enough of them
    to outlast the outage, as production's 5 s and 8 retries (about twenty minutes) do."""
    fixtures = (tmp_path_factory, broker_url, data_url, token_url, issuer)
    retries = {"max_transient_retries": 50, "retry_backoff_seconds": 1.0}
    return live_import_settings("runnerly-import-faults", *fixtures, **retries)
