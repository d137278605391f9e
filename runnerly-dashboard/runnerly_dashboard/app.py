"""The dashboard backend's app factory."""

from pathlib import Path
from zoneinfo import available_timezones

import connexion

from runnerly_core.app import build_app
from runnerly_core.brokers import broker_for
from runnerly_core.health import add_readiness_check
from runnerly_core.metrics import add_collector
from runnerly_core.workers import queue_depth_collector
from runnerly_dashboard.extensions import db, init_extensions, mailer
from runnerly_dashboard.runs.api import MAX_FILTERED_RUNS
from runnerly_dashboard.sessions import csrf
from runnerly_dashboard.settings import SERVICE, DashboardSettings
from runnerly_dashboard.spa import init_spa
from runnerly_dashboard.worker import QUEUE, celery_enqueue, sending_app

SPEC = Path(__file__).parent / "openapi" / "dashboard.yaml"
MAX_PASSWORD_LENGTH = 1000  # argon2 takes any length; a bound keeps a request cheap


def create_app(settings: DashboardSettings | None = None) -> connexion.FlaskApp:
    settings = settings or DashboardSettings()
    app = build_app(
        __name__, service=SERVICE, settings=settings, spec=SPEC, spec_arguments=spec_arguments(settings)
    )
    init_extensions(app.app, settings)
    mailer.enqueue = celery_enqueue(sending_app(settings))
    app.app.before_request(csrf.protect)
    init_spa(app.app, settings)
    add_readiness_check(app.app, "database", db.ping)
    # The mail queue's depth, reported by the web process for the workers (they serve no HTTP).
    add_collector(app.app, queue_depth_collector(broker_for(settings.broker_url), [QUEUE]))
    return app


def spec_arguments(settings: DashboardSettings) -> dict:
    """Values the spec documents and validates, taken from where they are decided."""
    return {
        "time_zones": sorted(available_timezones()),
        "min_password_length": settings.min_password_length,
        "min_password_score": settings.min_password_score,
        "max_password_length": MAX_PASSWORD_LENGTH,
        "confirm_hours": settings.confirm_hours,
        "reset_minutes": settings.reset_minutes,
        "max_filtered_runs": MAX_FILTERED_RUNS,
        "max_mails_per_hour": settings.max_mails_per_hour,
        "max_upload_bytes": settings.max_upload_bytes,
    }
