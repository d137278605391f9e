"""make run's state folder, which every service's defaults point at."""

from runnerly_core.local import local_database_url, run_directory


def test_it_finds_make_runs_folder_from_the_root_and_from_a_service_folder(tmp_path):
    (tmp_path / ".run").mkdir()
    (tmp_path / "runnerly-data" / "tests").mkdir(parents=True)

    assert run_directory(tmp_path) == tmp_path / ".run"
    assert run_directory(tmp_path / "runnerly-data" / "tests") == tmp_path / ".run"


def test_without_one_it_means_dot_run_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert run_directory() == tmp_path.resolve() / ".run"
    assert local_database_url("data") == f"sqlite:///{tmp_path.resolve()}/.run/data.sqlite"
