"""The ``runnerly-training`` console script."""

from pathlib import Path

from runnerly_core.cli import add_db_commands, service_group
from runnerly_training.settings import TrainingSettings

MIGRATIONS = Path(__file__).parent / "migrations"

main = service_group("runnerly-training", "runnerly_training.app:create_app()", default_port=5004)
add_db_commands(main, lambda: TrainingSettings().database_url, MIGRATIONS)


@main.command(
    "consume-events",
    help="Refresh runners' cached fitness and load on runs.changed events, until stopped.",
)
def consume_events() -> None:
    from runnerly_training.events import consume

    consume(TrainingSettings())


@main.command(
    "forget-users", help="Drop the caches of runners deleted elsewhere (users.deleted), until stopped."
)
def forget_users() -> None:
    from runnerly_training.forgetting import consume

    consume(TrainingSettings())
