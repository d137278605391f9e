"""One sync followed by its request id through every process it touched.

The gateway (nginx) and the Strava API and its worker run here as real processes
(``runnerly-strava serve`` and ``worker``), beside the real data service and the training
service's event consumer, all logging JSON. A link is completed through the gateway with a
known ``X-Request-ID``; the backfill it starts,
the writes it makes at the data service, the ``runs.changed`` events those announce and the
training service's handling of them must all be found under that one id.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from kombu import Connection
from prometheus_client.parser import text_string_to_metric_families

from runnerly_core.testing import fresh_database_url, require_in_ci

from .suite import BIN, console_process, data_service, free_port, json_lines, wait_until

GATEWAY = Path(__file__).resolve().parents[3] / "runnerly-gateway" / "render.py"
JSON_LOGS = {"LOG_JSON": "true", "LOG_LEVEL": "INFO"}


@pytest.fixture(scope="module")
def story_logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("story-logs")


@pytest.fixture(scope="module")
def data_url(broker_url, tmp_path_factory, token_url, issuer, story_logs) -> Iterator[str]:
    """The data service of this module: JSON logs, and its events published on the broker."""
    database = fresh_database_url("runnerly-strava-story-data", tmp_path_factory.mktemp("story-data"))
    env = {f"RUNNERLY_DATA_{name}": value for name, value in JSON_LOGS.items()}
    with data_service(
        database, token_url, issuer, story_logs, {**env, "RUNNERLY_DATA_BROKER_URL": broker_url}
    ) as url:
        yield url


@pytest.fixture
def strava_processes(settings, runtime, story_logs) -> Iterator[dict]:
    """``runnerly-strava serve`` and ``runnerly-strava worker`` with the test's settings."""
    env = strava_environment(settings)
    port, metrics_port = free_port(), free_port()
    api = f"http://127.0.0.1:{port}"
    with (
        console_process(
            ["runnerly-strava", "serve", "--port", str(port)],
            env,
            story_logs / "strava-api.log",
            ready_url=f"{api}/health/ready",
        ) as api_log,
        console_process(
            ["runnerly-strava", "worker", "--pool", "threads", "--concurrency", "2"],
            {**env, "RUNNERLY_STRAVA_WORKER_METRICS_PORT": str(metrics_port)},
            story_logs / "strava-worker.log",
            ready_url=f"http://127.0.0.1:{metrics_port}/metrics",
        ) as worker_log,
    ):
        yield {
            "url": api,
            "port": port,
            "api": api_log,
            "worker": worker_log,
            "metrics": f"http://127.0.0.1:{metrics_port}",
        }


@pytest.fixture
def gateway(strava_processes, data_url) -> Iterator[dict]:
    """The suite's nginx gateway in front of the Strava API, as ``make run`` starts it."""
    check = [str(BIN / "python"), str(GATEWAY), "check"]
    reason = subprocess.run(check, capture_output=True, text=True)  # noqa: S603 — our own script
    if reason.returncode:
        require_in_ci(f"the gateway ({reason.stdout.strip()})")
        pytest.skip(reason.stdout.strip())
    out = Path(tempfile.mkdtemp(prefix="runnerly-story-gateway-"))
    out.chmod(0o755)  # nginx's workers drop root
    (out / "spa").mkdir()
    (out / "spa" / "index.html").write_text("<!doctype html>\n")
    port = free_port()
    settings = {
        "LISTEN": f"127.0.0.1:{port}",
        "STRAVA_UPSTREAM": f"127.0.0.1:{strava_processes['port']}",
        "DATA_UPSTREAM": urlsplit(data_url).netloc,
        "SPA_ROOT": str(out / "spa"),
        "ACCESS_LOG": str(out / "access.log"),
        "ERROR_LOG": str(out / "error.log"),
        "WORKER_PROCESSES": "1",
        "WAF": "off",
        "RATE_ADDRESS": "1000r/s",
        "RATE_SUBJECT": "1000r/s",
    }
    env = {f"RUNNERLY_GATEWAY_{name}": value for name, value in settings.items()}
    argv = ["python", str(GATEWAY), "serve", "--out", str(out / "conf")]
    try:
        with console_process(argv, env, out / "nginx.log", ready_url=f"http://127.0.0.1:{port}/health"):
            yield {"url": f"http://127.0.0.1:{port}", "access": out / "access.log"}
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture
def training_consumer(
    broker_url, data_url, token_url, issuer, story_logs, tmp_path_factory
) -> Iterator[Path]:
    database = fresh_database_url("runnerly-strava-story-training", tmp_path_factory.mktemp("story-training"))
    env = {
        **{f"RUNNERLY_TRAINING_{name}": value for name, value in JSON_LOGS.items()},
        "RUNNERLY_TRAINING_ENVIRONMENT": "test",
        "RUNNERLY_TRAINING_DATABASE_URL": database,
        "RUNNERLY_TRAINING_BROKER_URL": broker_url,
        "RUNNERLY_TRAINING_DATA_URL": data_url,
        "RUNNERLY_TRAINING_TOKEN_URL": f"{token_url}/oauth/token",
        "RUNNERLY_TRAINING_CLIENT_SECRET": "test",
    }
    subprocess.run(  # noqa: S603 — our own console script
        [str(BIN / "runnerly-training"), "db", "upgrade"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    # A queue of its own: a training consumer of another suite on this broker takes none.
    queue = f"test-{uuid.uuid4().hex[:8]}.runs-changed"
    consume = ["runnerly-training", "consume-events", "--queue", queue]
    try:
        with console_process(consume, env, story_logs / "training.log") as log:
            wait_until(lambda: "consuming" in log.read_text(), timeout=30, what="the consumer")
            yield log
    finally:
        with Connection(broker_url) as connection:
            connection.default_channel.queue_delete(queue)


def strava_environment(settings) -> dict[str, str]:
    secret = lambda value: value.get_secret_value()  # noqa: E731
    prefix = "RUNNERLY_STRAVA_"
    env = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": settings.database_url,
        "BROKER_URL": settings.broker_url,
        "QUEUE_PREFIX": settings.queue_prefix,
        "DATA_URL": settings.data_url,
        "TOKEN_URL": settings.token_url,
        "TOKEN_ISSUER": settings.token_issuer,
        "JWKS_URL": settings.jwks_url,
        "SUITE_CLIENT_ID": settings.client_id,
        "SUITE_CLIENT_SECRET": secret(settings.client_secret),
        "CLIENT_ID": settings.strava_client_id,
        "CLIENT_SECRET": secret(settings.strava_client_secret),
        "API_URL": settings.api_url,
        "OAUTH_URL": settings.oauth_url,
        "REDIRECT_URI": settings.redirect_uri,
        "FETCH_DETAILS": "false",
        "RETRY_BACKOFF_SECONDS": "0.2",
        "TOKEN_KEYS": secret(settings.token_keys),
        "STATE_SECRET": secret(settings.state_secret),
        "WEBHOOK_VERIFY_TOKEN": secret(settings.webhook_verify_token),
        "WEBHOOK_PATH_SECRET": secret(settings.webhook_path_secret),
        **JSON_LOGS,
    }
    return {prefix + name: value for name, value in env.items()}


def test_one_id_finds_a_sync_in_the_logs_of_every_process_it_touched(
    suite, strava_processes, gateway, training_consumer, story_logs
):
    request_id = f"story-{uuid.uuid4().hex}"
    suite.app_url = f"{gateway['url']}/api/strava"
    runner = suite.new_runner()
    assert _link(suite, runner, athlete_id=2, request_id=request_id).status_code == 201
    suite.wait_for_backfill(runner)
    wait_until(lambda: _lines(training_consumer, request_id), timeout=30, what="the training consumer")

    through = _lines(gateway["access"], request_id)
    assert any(line.get("status") in (201, "201") for line in through), json_lines(gateway["access"])[-3:]
    api = _lines(strava_processes["api"], request_id)
    assert any(line.get("path", "").endswith("/strava/link/callback") for line in api), api
    worker = _lines(strava_processes["worker"], request_id)
    assert any("strava.backfill_page" in line["message"] for line in worker), worker
    data = _lines(story_logs / "data-service.log", request_id)
    writes = [line for line in data if line.get("method") in {"POST", "PUT"} and "/runs" in line["path"]]
    assert writes, data
    assert {line["service"] for line in data} == {"runnerly-data"}
    training = _lines(training_consumer, request_id)
    assert any(f"for user {runner}" in line["message"] for line in training), training


def test_the_workers_metrics_count_the_backfills_tasks(suite, strava_processes, training_consumer):
    suite.app_url = strava_processes["url"]
    before = _task_count(strava_processes["metrics"])
    runner = suite.new_runner()
    assert _link(suite, runner, athlete_id=2, request_id=None).status_code == 201
    suite.wait_for_backfill(runner)
    wait_until(lambda: _task_count(strava_processes["metrics"]) > before, timeout=15, what="task counts")
    api_metrics = requests.get(f"{strava_processes['url']}/metrics", timeout=10).text
    assert 'runnerly_strava_links{backfill_state="done"}' in api_metrics
    assert f'runnerly_celery_queue_depth{{queue="{suite.runtime.settings.sync_queue}"}}' in api_metrics


def _task_count(metrics_url: str) -> float:
    text = requests.get(f"{metrics_url}/metrics", timeout=5).text
    wanted = {"service": "runnerly-strava", "task": "strava.backfill_page", "outcome": "success"}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "runnerly_celery_tasks_total" and sample.labels == wanted:
                return sample.value
    return 0.0


def _lines(log: Path, request_id: str) -> list[dict]:
    return [line for line in json_lines(log) if line.get("request_id") == request_id]


def _link(suite, user_id: int, athlete_id: int, request_id: str | None) -> requests.Response:
    headers = suite.user_headers(user_id)
    start = requests.post(f"{suite.app_url}/users/{user_id}/strava/link", headers=headers, timeout=10).json()
    back = suite.consent(start["authorize_url"], athlete_id, "read,activity:read_all")
    if request_id:
        headers = {**headers, "X-Request-ID": request_id}
    return requests.post(
        f"{suite.app_url}/users/{user_id}/strava/link/callback", json=back, headers=headers, timeout=30
    )
