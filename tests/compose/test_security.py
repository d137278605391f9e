"""What compose must not expose: each container holds only its own secrets and runs as its
own uid, the sandbox's admin API and Flower ask for credentials, and an unset Strava URL
stops compose instead of pointing the suite at the sandbox."""

from __future__ import annotations

import json

import pytest
import requests

from .engine import run
from .stack import Compose

# Service -> the secrets its containers hold (compose `secrets:`). A new service adds a line.
SECRETS = {
    "tokendealer": set(),
    "data": set(),
    "strava": {"runnerly-strava-client"},
    "strava-worker": {"runnerly-strava-client"},
    "strava-beat": {"runnerly-strava-client"},
    "strava-sandbox": {"strava-sandbox-admin-token"},
    "training": {"runnerly-training-client"},
    "training-events": {"runnerly-training-client"},
    "strava-events": {"runnerly-strava-client"},
    "training-forget": {"runnerly-training-client"},
    "flower": {"flower-basic-auth"},
    "dashboard": {"runnerly-dashboard-client", "dashboard-secret-key"},
    "dashboard-worker": {"runnerly-dashboard-client", "dashboard-secret-key"},
    "dashboard-beat": {"runnerly-dashboard-client", "dashboard-secret-key"},
    "dashboard-events": {"runnerly-dashboard-client", "dashboard-secret-key"},
    "mail-sink": set(),
    "import": {"runnerly-import-client"},
    "import-worker": {"runnerly-import-client"},
    "gateway": set(),
}
WEB = ("tokendealer", "data", "strava", "training", "dashboard", "import", "gateway")


def in_container(name: str, command: str) -> str:
    return run("docker", "exec", name, "sh", "-c", command).stdout


def running(suite) -> list:
    return [c for c in suite.compose.containers() if c.status == "running" and c.service in SECRETS]


def test_each_container_holds_only_its_own_secrets(suite, ready):
    dashboard_secret = suite.secret("runnerly-dashboard-client")
    for container in running(suite):
        held = set(in_container(container.name, "ls /run/secrets 2>/dev/null || true").split())
        assert held == SECRETS[container.service], container.name
        if "runnerly-dashboard-client" in held:
            continue  # the dashboard's own containers
        environment = json.loads(
            run("docker", "inspect", "--format", "{{json .Config.Env}}", container.name).stdout
        )
        assert not any(dashboard_secret in variable for variable in environment), container.name
        readable = in_container(container.name, "cat /run/secrets/* 2>/dev/null || true")
        assert dashboard_secret not in readable, container.name


def test_services_with_different_secrets_run_as_different_users(suite, ready):
    uid_of = {}
    for container in running(suite):
        if container.service in WEB:
            uid_of[container.service] = in_container(container.name, "id -u").strip()
    assert len(uid_of) == len(WEB)
    assert "0" not in uid_of.values()
    assert len(set(uid_of.values())) == len(WEB), uid_of


def test_the_sandbox_admin_api_needs_its_token(suite, ready):
    athletes = f"{suite.sandbox_url}/_sandbox/athletes"
    assert requests.get(athletes, timeout=10).status_code == 401
    assert requests.get(athletes, headers={"Authorization": "Bearer guessed"}, timeout=10).status_code == 401
    assert requests.get(athletes, headers=suite.sandbox_admin(), timeout=10).status_code == 200


def test_the_sandbox_never_prints_its_client_secret(suite, ready):
    strava_app_secret = dict(
        line.split("=", 1)
        for line in suite.compose.env_file.read_text().splitlines()
        if line and line[0] != "#"
    )["STRAVA_CLIENT_SECRET"]
    logs = run("docker", "logs", suite.compose.containers("strava-sandbox")[0].name)
    assert "client_secret" in logs.stdout + logs.stderr
    assert strava_app_secret not in logs.stdout + logs.stderr


def test_only_the_gateway_and_the_development_sandbox_publish_a_port(suite, ready):
    published = {
        c.service
        for c in suite.compose.containers()
        if run("docker", "port", c.name, check=False).stdout.strip()
    }
    assert published == {"gateway", "strava-sandbox"}


def test_flower_asks_for_its_password(suite, ready):
    flower = suite.url("flower", 5555)  # unpublished: from the Docker host only
    assert requests.get(flower, timeout=10).status_code == 401
    user, password = suite.secret("flower-basic-auth").split(":", 1)
    assert requests.get(flower, auth=(user, "wrong"), timeout=10).status_code == 401
    assert requests.get(flower, auth=(user, password), timeout=10).status_code == 200


@pytest.mark.parametrize("variable", ["STRAVA_API_URL", "STRAVA_OAUTH_URL", "STRAVA_OAUTH_PUBLIC_URL"])
def test_compose_refuses_to_start_without_saying_where_strava_is(suite, variable, tmp_path):
    lines = suite.compose.env_file.read_text().splitlines()
    env_file = tmp_path / ".env"
    env_file.write_text(
        "\n".join(f"{variable}=" if line.startswith(f"{variable}=") else line for line in lines)
    )
    answer = Compose(suite.compose.project, env_file)("config", "--quiet", check=False)
    assert answer.returncode != 0
    assert f"set {variable} in .env" in answer.stderr
