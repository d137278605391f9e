"""The Strava service's app factory."""

from __future__ import annotations

from pathlib import Path

import connexion

from runnerly_core.app import build_app
from runnerly_core.brokers import broker_for
from runnerly_core.health import add_readiness_check
from runnerly_strava.access import RUNTIME
from runnerly_strava.extensions import db
from runnerly_strava.runtime import Jobs, Runtime
from runnerly_strava.settings import SERVICE, StravaSettings
from runnerly_strava.worker import CeleryJobs, sending_app

SPEC = Path(__file__).parent / "openapi" / "strava.yaml"


def create_app(settings: StravaSettings | None = None, jobs: Jobs | None = None) -> connexion.FlaskApp:
    """``jobs`` replaces Celery (unit tests); by default jobs go to the broker.

    Nothing global is bound and nothing is probed or written: the settings say it all (in
    development the ``runnerly-strava`` command fills in their defaults beforehand)."""
    settings = settings or StravaSettings()
    app = build_app(__name__, service=SERVICE, settings=settings, spec=SPEC)
    db.init_app(app.app, settings.database_url)
    runtime = Runtime.build(settings, db.new_session, jobs or _celery_jobs(settings))
    app.app.extensions[RUNTIME] = runtime
    add_readiness_check(app.app, "database", db.ping)
    add_readiness_check(app.app, "broker", runtime.ping_broker)
    return app


def _celery_jobs(settings: StravaSettings) -> CeleryJobs:
    return CeleryJobs(sending_app(settings, broker_for(settings.broker_url)))
