"""``/metrics`` of an app built by core: figures per operation that move with traffic."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from connexion.problem import problem
from prometheus_client import REGISTRY

from runnerly_core.app import build_app
from runnerly_core.metrics import GaugeCollector, MetricsMiddleware, add_collector, jobs_by_state
from runnerly_core.settings import ServiceSettings
from runnerly_core.testing import metric_samples

SERVICE = "runnerly-observed"
SPEC = Path(__file__).parent / "specs" / "observed.yaml"
OPERATION = "tests.test_metrics.read_thing"


def read_thing(thing_id: int):
    if thing_id == 404:
        return problem(404, "Not Found", "No such thing.")
    if thing_id == 500:
        raise RuntimeError("this handler fails")
    return {"id": thing_id}


@pytest.fixture(scope="module")
def gauge_values() -> dict:
    return {("waiting",): 3}


@pytest.fixture(scope="module")
def client(gauge_values):
    app = build_app(__name__, service=SERVICE, settings=ServiceSettings(environment="test"), spec=SPEC)
    add_collector(app.app, GaugeCollector("runnerly_observed_jobs", "Jobs.", ["state"], lambda: gauge_values))
    add_collector(app.app, GaugeCollector("runnerly_observed_broken", "Fails.", [], _broken))
    return app.test_client(raise_server_exceptions=False)


def _broken() -> dict:
    raise ConnectionError("the broker is away")


def samples(client) -> dict:
    return metric_samples(client.get("/metrics").text)


def requests_counted(client, status: str, method: str = "GET") -> float:
    labels = (("method", method), ("operation", OPERATION), ("service", SERVICE), ("status", status))
    return samples(client).get(("runnerly_http_requests_total", labels), 0)


def latency_count(client) -> float:
    labels = (("method", "GET"), ("operation", OPERATION), ("service", SERVICE))
    return samples(client).get(("runnerly_http_request_duration_seconds_count", labels), 0)


def test_requests_are_counted_per_operation_and_status(client):
    before = requests_counted(client, "200"), requests_counted(client, "404"), requests_counted(client, "500")
    client.get("/things/1")
    client.get("/things/2")
    client.get("/things/404")
    client.get("/things/500")
    after = requests_counted(client, "200"), requests_counted(client, "404"), requests_counted(client, "500")
    assert [a - b for a, b in zip(after, before, strict=True)] == [2, 1, 1]


def test_every_request_is_timed_under_its_operation_not_its_path(client):
    before = latency_count(client)
    client.get("/things/7")
    client.get("/things/8")
    assert latency_count(client) == before + 2
    assert not any("/things/7" in str(labels) for _, labels in samples(client))


def test_an_unknown_method_is_counted_as_other(client):
    client.request("BREW", "/things/1")
    assert any(dict(labels).get("method") == "other" for _, labels in samples(client))
    assert not any(dict(labels).get("method") == "BREW" for _, labels in samples(client))


def test_a_service_gauge_is_read_at_scrape_time(client, gauge_values):
    gauge_values[("waiting",)] = 5
    assert samples(client)[("runnerly_observed_jobs", (("state", "waiting"),))] == 5
    gauge_values[("waiting",)] = 2
    assert samples(client)[("runnerly_observed_jobs", (("state", "waiting"),))] == 2


def test_a_failing_gauge_leaves_the_scrape_whole(client):
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert "runnerly_http_requests_total" in answer.text


def test_each_request_logs_one_access_line_under_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="runnerly.access"):
        client.get("/things/3", headers={"X-Request-ID": "req-access-1"})
        client.get("/health/live", headers={"X-Request-ID": "req-probe"})
    [line] = [r for r in caplog.records if r.name == "runnerly.access"]
    assert (line.request_id, line.method, line.path, line.status) == ("req-access-1", "GET", "/things/3", 200)


def test_jobs_are_counted_by_state():
    collector = jobs_by_state("runnerly_observed_import_jobs", lambda: {"queued": 2, "done": 7})
    [family] = list(collector.collect())
    assert {s.labels["state"]: s.value for s in family.samples} == {"queued": 2, "done": 7}


def test_a_request_is_counted_before_its_last_byte_reaches_the_client():
    """A client that has its answer and reads /metrics next (from another gunicorn worker,
    at once) must find the request counted: here the last body chunk is the moment."""
    labels = {"service": "runnerly-ordered", "method": "GET", "operation": "unrouted", "status": "200"}

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"a", "more_body": True})
        await send({"type": "http.response.body", "body": b"b"})

    counted_when_sent = []

    async def send(message):
        counted_when_sent.append(REGISTRY.get_sample_value("runnerly_http_requests_total", labels) or 0)

    before = REGISTRY.get_sample_value("runnerly_http_requests_total", labels) or 0
    scope = {"type": "http", "method": "GET", "path": "/things/1"}
    asyncio.run(MetricsMiddleware(app, "runnerly-ordered")(scope, None, send))
    assert counted_when_sent == [before, before, before + 1]
    assert REGISTRY.get_sample_value("runnerly_http_requests_total", labels) == before + 1  # once
