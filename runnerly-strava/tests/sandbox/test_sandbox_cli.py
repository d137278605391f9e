"""The runnerly-strava-sandbox command."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from runnerly_strava.sandbox import cli, sandbox_of


@pytest.fixture
def served(monkeypatch) -> Iterator[dict]:
    """Capture what would be served instead of blocking on waitress."""
    calls: dict = {}

    def fake_serve(app, **options):
        calls.update(app=app, **options)

    monkeypatch.setattr(cli.waitress, "serve", fake_serve)
    yield calls
    if "app" in calls:
        sandbox_of(calls["app"]).dispatcher.stop()  # the command starts it before serving


def _run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(cli.serve, args, env=env or {}, auto_envvar_prefix=cli.ENV_PREFIX)


def test_it_serves_on_5090_by_default_and_prints_a_generated_secret(served):
    result = _run(["--activities", "5"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"], served["threads"]) == ("127.0.0.1", 5090, 8)
    secret = sandbox_of(served["app"]).config.applications[0].client_secret
    assert len(secret) == 40
    assert f"client_secret {secret}  (generated" in result.output


def test_the_secret_can_come_from_the_environment_and_is_never_printed(served):
    secret = "a-configured-secret-that-must-not-reach-the-logs"
    result = _run(["--activities", "5"], env={"RUNNERLY_STRAVA_SANDBOX_CLIENT_SECRET": secret})
    assert result.exit_code == 0, result.output
    assert sandbox_of(served["app"]).config.applications[0].client_secret == secret
    assert secret not in result.output
    assert "client_secret (as configured; not shown)" in result.output


def test_it_refuses_to_start_outside_development_without_an_admin_token(served):
    result = _run(["--activities", "5"], env={"RUNNERLY_STRAVA_SANDBOX_ENVIRONMENT": "production"})
    assert result.exit_code == 2
    assert "an admin token is required outside development" in result.output
    assert "app" not in served


def test_outside_development_the_admin_api_needs_the_token_from_its_file(served, tmp_path):
    token_file = tmp_path / "admin-token"
    token_file.write_text("a-long-random-admin-token\n")
    args = ["--activities", "5", "--environment", "production", "--admin-token-file", str(token_file)]
    result = _run(args)
    assert result.exit_code == 0, result.output
    assert "a-long-random-admin-token" not in result.output
    admin = served["app"].test_client()
    assert admin.get("/_sandbox/athletes").status_code == 401
    wrong = admin.get("/_sandbox/athletes", headers={"Authorization": "Bearer guessed"})
    assert wrong.status_code == 401
    right = admin.get("/_sandbox/athletes", headers={"Authorization": "Bearer a-long-random-admin-token"})
    assert right.status_code == 200


def test_generated_secrets_differ_between_runs():
    first, second = cli.build_config(), cli.build_config()
    assert first.applications[0].client_secret != second.applications[0].client_secret


def test_options_reach_the_config(served):
    args = ["--port", "6000", "--seed", "9", "--client-id", "555", "--client-secret", "s",
            "--token-lifetime", "60", "--activities", "7", "--history-end", "2025-01-31"]  # fmt: skip
    assert _run(args).exit_code == 0
    config = sandbox_of(served["app"]).config
    assert served["port"] == 6000
    assert (config.seed, config.access_token_lifetime, config.activity_counts[1]) == (9, 60, 7)
    assert config.applications[0].client_id == "555"
    assert config.history_end.isoformat() == "2025-01-31"
