"""The stack starts as operators start it, and their first steps from docs/operations.md work."""

from __future__ import annotations

import re

import requests
from prometheus_client.parser import text_string_to_metric_families

DEVELOPER_SCOPES = "users:read users:write runs:read runs:write"
LIST_RUNS = "runnerly_data.runs.api.list_runs"


def test_every_container_is_healthy_and_each_service_started_after_its_migrations(ready):
    by_service = {c.service: c for c in ready}
    assert {"postgres", "rabbitmq", "tokendealer", "data", "strava", "strava-worker", "strava-beat"} <= set(
        by_service
    )
    assert {"training", "training-events", "training-forget", "strava-events"} <= set(by_service)
    assert {"dashboard", "dashboard-worker", "dashboard-beat", "dashboard-events"} <= set(by_service)
    assert {"import", "import-worker", "gateway", "flower", "strava-sandbox", "mail-sink"} <= set(by_service)
    for name, container in by_service.items():
        if name.endswith("-migrate"):
            service = by_service[name.removesuffix("-migrate")]
            assert container.finished_at < service.started_at, f"{service.name} started before its migrations"
    assert by_service["clients-bootstrap"].finished_at < by_service["tokendealer"].started_at
    assert all(c.restarts == 0 for c in ready)


def register_developer(suite) -> tuple[str, str]:
    """`docker compose exec tokendealer runnerly-tokendealer client add developer ...`"""
    argv = ["exec", "-T", "tokendealer", "runnerly-tokendealer", "client", "add", "developer"]
    output = suite.compose(*argv, "--scope", DEVELOPER_SCOPES).stdout
    return "developer", re.search(r"secret (\S+)", output).group(1)


def test_the_operators_first_steps_register_a_client_create_a_runner_and_write_runs(suite, ready):
    developer = register_developer(suite)
    headers = suite.token(developer, "runnerly-data", DEVELOPER_SCOPES)
    data = f"{suite.gateway}/api/data"
    runner = {
        "email": "ada@example.com",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "timezone": "Europe/London",
    }
    created = requests.post(f"{data}/users", json=runner, headers=headers, timeout=10)
    assert created.status_code == 201, created.text
    runs = f"{data}/users/{created.json()['id']}/runs"
    run = {"start_time": "2026-11-20T07:30:00Z", "distance_m": 8000, "moving_time_s": 2640}
    assert requests.post(runs, json=run, headers=headers, timeout=10).status_code == 201
    listed = requests.get(runs, headers=headers, timeout=10).json()["items"]
    assert [(r["distance_m"], r["moving_time_s"]) for r in listed] == [(8000, 2640)]


def test_scaled_data_and_token_dealers_answer_on_ports_of_their_own_and_share_one_key(scaled):
    developer = ("runnerly-training", scaled.secret("runnerly-training-client"))
    urls = {scaled.url("data", 5002, index) for index in (1, 2)}
    assert len(urls) == 2
    for dealer in (1, 2):
        answer = requests.post(
            f"{scaled.url('tokendealer', 5001, dealer)}/oauth/token",
            auth=developer,
            data={"grant_type": "client_credentials", "audience": "runnerly-data", "scope": "users:read"},
            timeout=10,
        )
        headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        for data in urls:  # a token from either dealer is good at either replica
            assert requests.get(f"{data}/users", headers=headers, timeout=10).status_code == 200


def _list_runs_count(metrics_url: str) -> float:
    text = requests.get(metrics_url, timeout=10).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "runnerly_http_requests_total" and sample.labels.get("operation") == LIST_RUNS
    )


def test_metrics_add_up_the_requests_of_every_gunicorn_worker(suite, ready):
    headers = suite.token(
        ("runnerly-training", suite.secret("runnerly-training-client")), "runnerly-data", "runs:read"
    )
    data = suite.url("data", 5002)
    before = _list_runs_count(f"{data}/metrics")
    for _ in range(20):
        assert requests.get(f"{data}/users/1/runs", headers=headers, timeout=10).status_code in (200, 404)
    # Each read lands on whichever worker accepts it: every one must tell the whole count.
    assert [_list_runs_count(f"{data}/metrics") - before for _ in range(6)] == [20] * 6
