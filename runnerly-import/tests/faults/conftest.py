"""Fault fixtures: the integration harness (real RabbitMQ, the import worker, the app on a
port) with a data service the test may stop and start again at the same address."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url
from runnerly_core.testing_suite import DataService, restartable_data_service
from runnerly_import.cli import MIGRATIONS

from ..conftest import import_settings
from ..integration.conftest import *  # noqa: F403 — the harness's fixtures, extended below


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
    url = fresh_database_url("runnerly-import-faults", tmp_path_factory.mktemp("live"))
    upgrade(url, MIGRATIONS)
    settings = import_settings(
        url,
        data_url,
        token_url,
        issuer,
        queue_prefix=f"test-{uuid.uuid4().hex[:8]}.import",
        max_transient_retries=50,
    )
    return settings.model_copy(update={"broker_url": broker_url, "retry_backoff_seconds": 1.0})
