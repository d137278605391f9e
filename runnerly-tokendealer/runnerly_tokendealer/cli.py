"""The ``runnerly-tokendealer`` console script."""

from pathlib import Path

from runnerly_core.cli import add_db_commands, service_group
from runnerly_tokendealer.clients.cli import client
from runnerly_tokendealer.keys.cli import keys
from runnerly_tokendealer.settings import TokenDealerSettings

MIGRATIONS = Path(__file__).parent / "migrations"

main = service_group("runnerly-tokendealer", "runnerly_tokendealer.app:create_app()", default_port=5001)
add_db_commands(main, lambda: TokenDealerSettings().database_url, MIGRATIONS)
main.add_command(client)
main.add_command(keys)
