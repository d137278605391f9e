"""The ``runnerly-strava`` console script: the API, the workers, beat, migrations, webhooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from runnerly_core.cli import (
    add_beat_command,
    add_db_commands,
    service_group,
    settings_reader,
    worker_options,
)

if TYPE_CHECKING:
    from runnerly_core.cli import WorkerOptions
    from runnerly_strava.settings import StravaSettings

MIGRATIONS = Path(__file__).parent / "migrations"
SERVICE = "runnerly-strava"
BEAT_SCHEDULE = ".run/strava-beat-schedule"

_settings = settings_reader("runnerly_strava.settings:StravaSettings")
main = service_group(SERVICE, "runnerly_strava.app:create_app()", default_port=5003)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


def _prepare_development() -> None:
    """Every command starts here: in development, generate missing secrets and pick a
    broker before the app, a worker or beat reads the settings (``serve`` hands its
    environment to gunicorn)."""
    from runnerly_strava.devsecrets import prepare_development

    prepare_development()


main.callback = _prepare_development


def worker_runtime(settings: StravaSettings):
    """The runtime of a worker process, bound to the Celery app."""
    from runnerly_core.logs import configure_logging
    from runnerly_strava.database import worker_sessions
    from runnerly_strava.runtime import Runtime
    from runnerly_strava.worker import CeleryJobs, celery_app, configure

    configure_logging(SERVICE, settings.log_level, settings.log_json)
    configure(
        celery_app, Runtime.build(settings, worker_sessions(settings.database_url), CeleryJobs(celery_app))
    )
    return celery_app


@main.command(help="Run a sync worker (both queues unless --queues says otherwise).")
@click.option("--queues", default=None, help="Comma-separated; default: <prefix>.sync,<prefix>.details")
@worker_options(beat_schedule=BEAT_SCHEDULE)
def worker(queues: str | None, options: WorkerOptions) -> None:
    settings = _settings()
    queues = queues or f"{settings.sync_queue},{settings.details_queue}"
    options.run(worker_runtime(settings), queues, settings.log_level)


add_beat_command(
    main,
    _settings,
    worker_runtime,
    BEAT_SCHEDULE,
    help="Run Celery beat (exactly one per deployment): incremental syncs and the sweep.",
)


@main.group(help="Strava's push subscription.")
def webhook() -> None:
    pass


@webhook.command(
    help="Subscribe this service at PUBLIC_URL, its address as Strava reaches it (like "
    "https://runnerly.example/api/strava): Strava will post to PUBLIC_URL/webhook/<the "
    "RUNNERLY_STRAVA_WEBHOOK_PATH_SECRET>."
)
@click.argument("public_url")
def subscribe(public_url: str) -> None:
    from runnerly_strava.webhooks.intake import subscribe as create_subscription

    settings = _settings()
    app = worker_runtime(settings)
    with app.runtime.sessions() as session:
        subscription = create_subscription(session, app.runtime, public_url)
    click.echo(f"subscribed {subscription.callback_url}: subscription {subscription.id}")


@main.command("consume-events", help="Forget runners deleted elsewhere (users.deleted): unlink, deauthorize.")
def consume_events() -> None:
    from runnerly_strava.links.forgetting import consume

    consume(worker_runtime(_settings()).runtime)


@main.command("forget-orphans", help="Forget the links of runners the data service no longer has.")
def forget_orphans() -> None:
    from runnerly_strava.links.forgetting import forget_orphans as repair

    forgotten = repair(worker_runtime(_settings()).runtime)
    click.echo(f"forgot the Strava links of runners gone from the data service: {forgotten or 'none'}")
