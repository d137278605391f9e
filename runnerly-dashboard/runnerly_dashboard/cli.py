"""The ``runnerly-dashboard`` console script: the API, the worker, beat, the mail sink,
the mail list, the users.deleted consumer and migrations."""

from __future__ import annotations

import json
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
    from runnerly_dashboard.settings import DashboardSettings

MIGRATIONS = Path(__file__).parent / "migrations"
SERVICE = "runnerly-dashboard"
BEAT_SCHEDULE = ".run/dashboard-beat-schedule"

_settings = settings_reader("runnerly_dashboard.settings:DashboardSettings")
main = service_group(SERVICE, "runnerly_dashboard.app:create_app()", default_port=5000)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


def worker_app(settings: DashboardSettings):
    """The Celery app of a worker or beat process, its extensions bound."""
    from runnerly_core.logs import configure_logging
    from runnerly_dashboard.extensions import init_extensions, mailer
    from runnerly_dashboard.worker import celery_app, celery_enqueue, configure

    configure_logging(SERVICE, settings.log_level, settings.log_json)
    from flask import Flask

    init_extensions(Flask(SERVICE), settings)
    configure(celery_app, settings)
    mailer.enqueue = celery_enqueue(celery_app)
    return celery_app


@main.command(help="Write the spec as served, rendered, as JSON (the web app's types come from it).")
@click.option("--output", type=click.File("w"), default="-", show_default=True)
def spec(output) -> None:
    # The spec file is a template that includes runnerly-core's shared blocks: only the
    # rendered spec is OpenAPI that openapi-typescript can read.
    from runnerly_core.spec import load_spec
    from runnerly_dashboard.app import SPEC, spec_arguments

    settings = _settings()
    arguments = {"token_url": f"{settings.token_issuer}/oauth/token", **spec_arguments(settings)}
    json.dump(load_spec(SPEC, arguments), output, indent=1)


@main.command(help="Run a worker: mail and monthly reports.")
@worker_options(beat_schedule=BEAT_SCHEDULE)
def worker(options: WorkerOptions) -> None:
    settings = _settings()
    # A node name of its own: two workers named celery@host share a remote-control queue.
    options.run(worker_app(settings), "dashboard", settings.log_level, "dashboard@%h")


add_beat_command(
    main,
    _settings,
    worker_app,
    BEAT_SCHEDULE,
    help="Run Celery beat (exactly one per deployment): the monthly report, the mail sweep.",
)


@main.command("consume-events", help="Forget runners deleted elsewhere (users.deleted), until stopped.")
def consume_events() -> None:
    from runnerly_dashboard.events import consume

    consume(_settings())


@main.group(help="The development mail sink.")
def mail() -> None:
    pass


@mail.command(help="Run the SMTP sink, keeping every message in the Maildir (development only).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8025, show_default=True, type=int)
def sink(host: str, port: int) -> None:
    from runnerly_dashboard.mail.sink import serve_sink

    settings = _settings()
    click.echo(f"mail sink on {host}:{port}, keeping messages in {settings.mail_sink_dir}")
    serve_sink(settings.mail_sink_dir, host, port)


@mail.command("list", help="Print the sink's messages, newest first.")
@click.option("--to", default=None, help="Only messages to this address.")
@click.option("--json", "as_json", is_flag=True, help="As JSON (with the links of each message).")
@click.option("--last", default=10, show_default=True, type=int)
def list_(to: str | None, as_json: bool, last: int) -> None:
    from runnerly_dashboard.mail.sink import messages

    found = messages(_settings().mail_sink_dir, to)[:last]
    if as_json:
        click.echo(json.dumps([{k: v for k, v in each.items() if k != "sort"} for each in found], indent=2))
        return
    for each in found:
        click.echo(f"--- {each['date']}  to {each['to']}\n    {each['subject']}\n")
        click.echo(each["text"])


@main.command("monthly-report", help="Send last month's report now (claims make a second run send nothing).")
@click.option("--month", default=None, help="YYYY-MM; default: last month.")
def monthly_report(month: str | None) -> None:
    from runnerly_dashboard.reports.monthly import fan_out, report

    worker_app(_settings())
    sent = []
    count = fan_out(month, lambda account_id, month: sent.append(report(account_id, month)))
    click.echo(f"{sum(sent)} report(s) written for {count} opted-in runner(s)")


@main.command("demo-account", help="Create (or repair) a confirmed account for an existing runner.")
@click.argument("email")
@click.argument("user_id", type=int)
@click.option("--password-file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def demo_account(email: str, user_id: int, password_file: Path) -> None:
    from sqlalchemy.orm import Session

    from runnerly_core.db import make_engine
    from runnerly_dashboard.accounts.demo import ensure_demo_account

    engine = make_engine(_settings().database_url)
    with Session(engine) as session:
        what = ensure_demo_account(session, email, user_id, password_file.read_text().strip())
    engine.dispose()
    click.echo(f"demo account {email} (user {user_id}): {what}")
