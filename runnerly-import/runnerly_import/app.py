"""The import service's app factory."""

from __future__ import annotations

from pathlib import Path

import connexion

from runnerly_core.app import build_app
from runnerly_core.health import add_readiness_check
from runnerly_import.access import RUNTIME
from runnerly_import.extensions import db
from runnerly_import.runtime import Jobs, Runtime
from runnerly_import.settings import SERVICE, ImportSettings
from runnerly_import.worker import CeleryJobs, celery_app, configure

SPEC = Path(__file__).parent / "openapi" / "import.yaml"


def create_app(settings: ImportSettings | None = None, jobs: Jobs | None = None) -> connexion.FlaskApp:
    """``jobs`` replaces Celery (unit tests); by default jobs go to the broker."""
    settings = settings or ImportSettings()
    # The upload's body limit (x-body-limit, runnerly_core.limits) is the setting's.
    arguments = {"max_upload_bytes": settings.max_upload_bytes}
    app = build_app(__name__, service=SERVICE, settings=settings, spec=SPEC, spec_arguments=arguments)
    db.init_app(app.app, settings.database_url)
    runtime = Runtime.build(settings, db.new_session, jobs or CeleryJobs(celery_app))
    if jobs is None:
        configure(celery_app, runtime)
    app.app.extensions[RUNTIME] = runtime
    add_readiness_check(app.app, "database", db.ping)
    add_readiness_check(app.app, "broker", runtime.ping_broker)
    return app
