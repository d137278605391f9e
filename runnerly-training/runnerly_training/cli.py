"""The ``runnerly-training`` console script."""

from pathlib import Path

import click

from runnerly_core.cli import add_db_commands, service_group, settings_reader

MIGRATIONS = Path(__file__).parent / "migrations"

_settings = settings_reader("runnerly_training.settings:TrainingSettings")
main = service_group("runnerly-training", "runnerly_training.app:create_app()", default_port=5004)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


@main.command(
    "consume-events",
    help="Refresh runners' cached fitness and load on runs.changed events, until stopped.",
)
@click.option(
    "--queue",
    default="runnerly-training.runs-changed",
    show_default=True,
    help="The durable queue to consume (one per suite sharing a broker).",
)
def consume_events(queue: str) -> None:
    from runnerly_training.events import consume

    consume(_settings(), queue)


@main.command(
    "forget-users", help="Drop the caches of runners deleted elsewhere (users.deleted), until stopped."
)
def forget_users() -> None:
    from runnerly_training.forgetting import consume

    consume(_settings())
