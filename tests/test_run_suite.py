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
