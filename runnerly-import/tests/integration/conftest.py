"""Integration fixtures: the real data service, a real RabbitMQ with the import worker
started by the session (its queue namespaced per run), and our app on a port."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import runnerly_import.tasks  # noqa: F401 — registers the tasks with the Celery app
from runnerly_core.db import upgrade
from runnerly_core.testing import fresh_database_url
from runnerly_core.testing_suite import celery_worker, served
from runnerly_import.app import create_app
from runnerly_import.cli import MIGRATIONS
from runnerly_import.database import worker_sessions
from runnerly_import.runtime import Runtime
from runnerly_import.worker import CeleryJobs, celery_app, configure

from ..conftest import import_settings


def live_import_settings(database: str, tmp_path_factory, broker_url, data_url, token_url, issuer, **changes):
    """The settings of the app on a port and of the worker: a migrated database of their
    own (named ``database``), the real broker, queues namespaced per run; ``changes`` on top."""
    url = fresh_database_url(database, tmp_path_factory.mktemp("live"))
    upgrade(url, MIGRATIONS)
    queue_prefix = f"test-{uuid.uuid4().hex[:8]}.import"
    settings = import_settings(url, data_url, token_url, issuer, queue_prefix=queue_prefix)
    return settings.model_copy(update={"broker_url": broker_url, **changes})


@pytest.fixture(scope="session")
def live_settings(broker_url, tmp_path_factory, data_url, token_url, issuer):
    fixtures = (tmp_path_factory, broker_url, data_url, token_url, issuer)
    return live_import_settings("runnerly-import-live", *fixtures)


@pytest.fixture(scope="session")
def worker(live_settings) -> Iterator:
    runtime = Runtime.build(
        live_settings, worker_sessions(live_settings.database_url), CeleryJobs(celery_app)
    )
    configure(celery_app, runtime)
    celery_app.conf.broker_heartbeat = 0  # the test worker stops in a second instead of ten
    with celery_worker(celery_app) as running:
        yield running
    celery_app.control.purge()


@pytest.fixture(scope="session")
def app_url(live_settings, worker, issuer) -> Iterator[str]:
    app = create_app(live_settings, jobs=CeleryJobs(celery_app))
    issuer.trusted_by(app)
    with served(app) as url:
        yield url
