"""The console script with no settings of its own works on the suite ``make run`` started."""

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from runnerly_core import db as database
from runnerly_tokendealer.cli import MIGRATIONS, main

pytestmark = pytest.mark.in_process


@pytest.fixture
def repository_root(tmp_path, monkeypatch):
    """A working directory like the repository's root, and no RUNNERLY_* settings."""
    for name in ("RUNNERLY_TOKENDEALER_DATABASE_URL", "RUNNERLY_TOKENDEALER_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_client_add_after_make_run_works_on_make_runs_database(repository_root):
    # What scripts/run_suite.py sets up: .run/tokendealer.sqlite, migrated.
    (repository_root / ".run").mkdir()
    url = f"sqlite:///{repository_root}/.run/tokendealer.sqlite"
    database.upgrade(url, MIGRATIONS)

    result = CliRunner().invoke(main, ["client", "add", "runnerly-newcomer", "--scope", "runs:read"])

    assert result.exit_code == 0, result.output
    with create_engine(url).connect() as connection:
        names = connection.execute(text("SELECT name FROM clients")).scalars().all()
    assert names == ["runnerly-newcomer"]
    assert (repository_root / ".run" / "tokendealer" / "client-secret.key").exists()


@pytest.mark.parametrize("make_run_folder", [True, False])
def test_a_database_not_yet_migrated_gives_one_line_saying_what_to_run(repository_root, make_run_folder):
    if make_run_folder:
        (repository_root / ".run").mkdir()

    result = CliRunner().invoke(main, ["client", "list"])

    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "has not been migrated: run `runnerly-tokendealer db upgrade`" in result.output
    assert "Traceback" not in result.output
