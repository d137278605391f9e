"""The data service's app factory."""

from pathlib import Path
from zoneinfo import available_timezones

import connexion

from runnerly_core.app import build_app
from runnerly_core.health import add_readiness_check
from runnerly_data.events import init_outbox
from runnerly_data.extensions import db
from runnerly_data.settings import SERVICE, DataSettings

SPEC = Path(__file__).parent / "openapi" / "data.yaml"


def create_app(settings: DataSettings | None = None) -> connexion.FlaskApp:
    settings = settings or DataSettings()
    app = build_app(
        __name__,
        service=SERVICE,
        settings=settings,
        spec=SPEC,
        spec_arguments={"time_zones": sorted(available_timezones())},
    )
    db.init_app(app.app, settings.database_url)
    init_outbox(app.app, settings)
    add_readiness_check(app.app, "database", db.ping)
    return app
