"""`make run`'s preparation (scripts/run_suite.py), without starting the suite."""

import importlib.util
import stat
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_suite(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("run_suite", ROOT / "scripts" / "run_suite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "RUN", tmp_path / ".run")
    monkeypatch.setattr(module, "rabbitmq_answers", lambda: False)
    return module


def test_it_gives_the_sandbox_an_admin_token_of_its_own_kept_private(run_suite):
    token = run_suite.environment()["RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN"]
    assert len(token) >= 43
    assert token != run_suite.environment()["RUNNERLY_STRAVA_SANDBOX_CLIENT_SECRET"]
    kept = run_suite.RUN / "sandbox-admin.secret"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert run_suite.environment()["RUNNERLY_STRAVA_SANDBOX_ADMIN_TOKEN"] == token  # the same on every start


def test_supervisord_runs_each_procfile_process_without_a_shell_or_wrapper(run_suite):
    processes = run_suite.procfile(without_gateway=False)
    config = run_suite.supervisor_config(processes)
    programs = [line[len("[program:") : -1] for line in config.splitlines() if line.startswith("[program:")]
    assert programs == list(processes)
    assert {"gateway", "events", "web"} <= set(programs)
    assert f"command={processes['web']}" in config
    assert config.count("stopasgroup=true") == len(programs)  # nginx's and Celery's children stop too


def test_without_the_gateway_supervisord_does_not_start_it(run_suite):
    assert "gateway" not in run_suite.procfile(without_gateway=True)
