"""The ``runnerly-import`` console script: the API, the workers, migrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from runnerly_core.cli import (
    add_db_commands,
    service_group,
    settings_reader,
    worker_options,
)

if TYPE_CHECKING:
    from runnerly_core.cli import WorkerOptions
    from runnerly_import.settings import ImportSettings

MIGRATIONS = Path(__file__).parent / "migrations"
SERVICE = "runnerly-import"

_settings = settings_reader("runnerly_import.settings:ImportSettings")
main = service_group(SERVICE, "runnerly_import.app:create_app()", default_port=5005)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


def worker_runtime(settings: ImportSettings):
    """The Celery app of a worker process, bound to its runtime."""
    from runnerly_core.logs import configure_logging
    from runnerly_import.database import worker_sessions
    from runnerly_import.runtime import Runtime
    from runnerly_import.worker import CeleryJobs, celery_app, configure

    configure_logging(SERVICE, settings.log_level, settings.log_json)
    return configure(
        celery_app, Runtime.build(settings, worker_sessions(settings.database_url), CeleryJobs(celery_app))
    )


@main.command(help="Run an import worker: parses uploaded files and writes their runs.")
@worker_options()
# A name of its own: beside the Strava worker on one broker, two "celery@<host>" would fight
# over one exclusive control queue and the second would exit.
@click.option("--hostname", default="import@%h", show_default=True)
def worker(options: WorkerOptions, hostname: str) -> None:
    settings = _settings()
    options.run(worker_runtime(settings), settings.files_queue, settings.log_level, hostname)
