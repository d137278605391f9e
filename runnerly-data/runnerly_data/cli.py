"""The ``runnerly-data`` console script."""

from pathlib import Path

import click

from runnerly_core.cli import add_db_commands, service_group, settings_reader

MIGRATIONS = Path(__file__).parent / "migrations"

_settings = settings_reader("runnerly_data.settings:DataSettings")
main = service_group("runnerly-data", "runnerly_data.app:create_app()", default_port=5002)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


@main.command("seed-demo", help="Create the demo runner with a year of plausible runs.")
@click.option("--email", default="demo@runnerly.local", show_default=True)
@click.option("--seed", default=7, show_default=True, type=int)
def seed_demo(email: str, seed: int) -> None:
    from runnerly_data.demo import seed_demo_runner

    user_id, created = seed_demo_runner(_settings().database_url, email=email, seed=seed)
    click.echo(f"demo runner {email}: user id {user_id} ({'created' if created else 'already there'})")


@main.group(help="The outbox of runs.changed events.")
def events() -> None:
    pass


@events.command("publish", help="Publish the events a broker outage left pending (for cron or an operator).")
def publish_events() -> None:
    from sqlalchemy.orm import sessionmaker

    from runnerly_core.db import make_engine
    from runnerly_data.events import make_outbox

    settings = _settings()
    if not settings.broker_url:
        raise click.ClickException("RUNNERLY_DATA_BROKER_URL is not set: there is nowhere to publish.")
    outbox = make_outbox(settings, sessionmaker(make_engine(settings.database_url)))
    click.echo(f"published {outbox.publish_pending(limit=100_000)} events")
