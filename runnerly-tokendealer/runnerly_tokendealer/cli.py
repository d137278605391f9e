"""The ``runnerly-tokendealer`` console script."""

from pathlib import Path

from runnerly_core.cli import add_db_commands, service_group
from runnerly_tokendealer.clients.cli import client
from runnerly_tokendealer.keys.cli import keys

MIGRATIONS = Path(__file__).parent / "migrations"

main = service_group("runnerly-tokendealer", "runnerly_tokendealer.app:create_app()", default_port=5001)
add_db_commands(main, lambda: _settings().database_url, MIGRATIONS)


def _settings():
    """The service's settings, read when a command needs them. Nothing heavy is imported
    with this module: ``serve`` replaces its process with the server, which imports the app
    again, so pydantic imported here would be paid twice on every start."""
    from runnerly_tokendealer.settings import TokenDealerSettings

    return TokenDealerSettings()


main.add_command(client)
main.add_command(keys)
