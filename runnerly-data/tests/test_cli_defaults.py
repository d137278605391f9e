"""The console script with no settings of its own works on the suite ``make run`` started."""

from click.testing import CliRunner

from runnerly_data.cli import main
from runnerly_data.settings import DataSettings


def test_the_default_database_is_make_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("RUNNERLY_DATA_DATABASE_URL", raising=False)
    (tmp_path / ".run").mkdir()
    (tmp_path / "runnerly-data").mkdir()
    monkeypatch.chdir(tmp_path / "runnerly-data")  # from a service's folder too

    assert DataSettings().database_url == f"sqlite:///{tmp_path.resolve()}/.run/data.sqlite"


def test_seed_demo_on_a_database_not_yet_migrated_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.delenv("RUNNERLY_DATA_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["seed-demo"])

    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "has not been migrated: run `runnerly-data db upgrade`" in result.output
