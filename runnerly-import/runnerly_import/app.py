"""The import service's app factory."""

from __future__ import annotations

from pathlib import Path

import connexion

from runnerly_core.app import build_app
from runnerly_core.brokers import broker_for
from runnerly_core.health import add_readiness_check
from runnerly_core.metrics import add_collector
from runnerly_import import gauges
from runnerly_import.access import RUNTIME
from runnerly_import.extensions import db
from runnerly_import.runtime import Jobs, Runtime
from runnerly_import.settings import SERVICE, ImportSettings
from runnerly_import.worker import CeleryJobs, sending_app

SPEC = Path(__file__).parent / "openapi" / "import.yaml"


def create_app(settings: ImportSettings | None = None, jobs: Jobs | None = None) -> connexion.FlaskApp:
    """``jobs`` replaces Celery (unit tests); by default jobs go to the broker, through a
    Celery app of the API's own (nothing global is bound)."""
    settings = settings or ImportSettings()
    app = build_app(
        __name__, service=SERVICE, settings=settings, spec=SPEC, spec_arguments=spec_arguments(settings)
    )
    db.init_app(app.app, settings.database_url)
    runtime = Runtime.build(settings, db.new_session, jobs or _celery_jobs(settings))
    app.app.extensions[RUNTIME] = runtime
    add_readiness_check(app.app, "database", db.ping)
    add_readiness_check(app.app, "broker", runtime.ping_broker)
    for collector in gauges.collectors(runtime.sessions, runtime.broker, [settings.files_queue]):
        add_collector(app.app, collector)
    return app


def spec_arguments(settings: ImportSettings) -> dict:
    """Values the spec is rendered with: the upload's body limit (x-body-limit,
    runnerly_core.limits) and a file's are the settings'."""
    return {"max_upload_bytes": settings.max_upload_bytes, "max_file_bytes": settings.max_file_bytes}


def _celery_jobs(settings: ImportSettings) -> CeleryJobs:
    return CeleryJobs(sending_app(settings, broker_for(settings.broker_url)))
