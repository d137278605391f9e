"""The commands runnerly_core.cli wires for the services: ``worker`` and ``beat`` start
what they were asked for, and the settings are read only when a command runs."""

import subprocess
import sys
from types import SimpleNamespace

import click
from click.testing import CliRunner

from runnerly_core import workers
from runnerly_core.cli import (
    WorkerOptions,
    add_beat_command,
    settings_reader,
    worker_options,
)


class RecordingApp:
    """A Celery app that records what it was asked to run instead of running it."""

    def __init__(self) -> None:
        self.runs: list[list[str]] = []

    def worker_main(self, argv: list[str]) -> None:
        self.runs.append(argv)

    def start(self, argv: list[str]) -> None:
        self.runs.append(argv)


def _service(app: RecordingApp, beat_schedule: str | None) -> click.Group:
    settings = SimpleNamespace(log_level="WARNING")

    @click.group()
    def group() -> None:
        pass

    @group.command()
    @worker_options(beat_schedule=beat_schedule)
    @click.option("--hostname", default="svc@%h")
    def worker(options: WorkerOptions, hostname: str) -> None:
        options.run(app, "svc.jobs", settings.log_level, hostname)

    add_beat_command(group, lambda: settings, lambda _settings: app, "unused", help="Run beat.")
    return group


def _option(argv: list[str], flag: str) -> str:
    return argv[argv.index(flag) + 1]


def test_a_worker_runs_on_its_queues_with_the_pool_and_name_asked_for(monkeypatch):
    app, beats = RecordingApp(), []
    monkeypatch.setattr(workers, "start_beat_thread", lambda *args: beats.append(args))

    result = CliRunner().invoke(
        _service(app, ".run/svc-beat"), ["worker", "--pool", "solo", "--concurrency", "1"]
    )

    assert result.exit_code == 0, result.output
    [argv] = app.runs
    assert argv[0] == "worker"
    assert (_option(argv, "-Q"), _option(argv, "-P"), _option(argv, "-c")) == ("svc.jobs", "solo", "1")
    assert (_option(argv, "-n"), _option(argv, "-l")) == ("svc@%h", "WARNING")
    assert beats == []  # beat only with --beat


def test_a_worker_with_beat_runs_beat_in_a_thread_on_its_schedule_file(monkeypatch, tmp_path):
    app, beats = RecordingApp(), []
    monkeypatch.setattr(workers, "start_beat_thread", lambda *args: beats.append(args))
    schedule = str(tmp_path / "beat-schedule")

    result = CliRunner().invoke(
        _service(app, ".run/svc-beat"), ["worker", "--beat", "--schedule-file", schedule]
    )

    assert result.exit_code == 0, result.output
    assert beats == [(app, schedule)]
    assert _option(app.runs[0], "-P") == "prefork"  # the deployed default


def test_a_service_without_beat_has_no_beat_options():
    result = CliRunner().invoke(_service(RecordingApp(), None), ["worker", "--beat"])

    assert result.exit_code == 2
    assert "No such option '--beat'" in result.output


def test_beat_makes_its_schedule_files_folder_and_runs_at_the_services_log_level(tmp_path):
    app = RecordingApp()
    schedule = tmp_path / "not-yet" / "beat-schedule"

    result = CliRunner().invoke(_service(app, None), ["beat", "--schedule-file", str(schedule)])

    assert result.exit_code == 0, result.output
    assert schedule.parent.is_dir()
    assert app.runs == [["beat", "-s", str(schedule), "-l", "WARNING"]]


def test_the_settings_module_is_imported_only_when_a_command_reads_them():
    probe = (
        "import sys; from runnerly_core.cli import settings_reader;"
        " read = settings_reader('runnerly_core.settings:ServiceSettings');"
        " print('runnerly_core.settings' in sys.modules);"
        " print(type(read()).__name__)"
    )
    answer = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)  # noqa: S603 — our interpreter, fixed code

    assert answer.stdout.split() == ["False", "ServiceSettings"]


def test_each_read_gives_the_settings_of_the_environment_then(monkeypatch):
    read = settings_reader("runnerly_core.settings:ServiceSettings")
    monkeypatch.setenv("RUNNERLY_LOG_LEVEL", "DEBUG")
    first = read().log_level
    monkeypatch.setenv("RUNNERLY_LOG_LEVEL", "ERROR")

    assert (first, read().log_level) == ("DEBUG", "ERROR")
