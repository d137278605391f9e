"""Tracing and Sentry: nothing without their variables; the SDKs at work with them (an
in-memory span exporter and a capturing Sentry transport stand in for the network)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sentry_sdk
from celery import Celery
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sentry_sdk.transport import Transport

from runnerly_core import tracing
from runnerly_core.app import build_app
from runnerly_core.settings import ServiceSettings

SPEC = Path(__file__).parent / "specs" / "observed.yaml"
SERVICE = "runnerly-traced"
# The tracer provider is made once per process: every test here shares its exporter.
EXPORTER = InMemorySpanExporter()


def _app():
    return build_app(__name__, service=SERVICE, settings=ServiceSettings(environment="test"), spec=SPEC)


class CapturedEvents(Transport):
    def __init__(self, options=None) -> None:
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope) -> None:
        for item in envelope.items:
            if item.type == "event":
                self.events.append(item.payload.json)


def test_without_the_variables_nothing_is_switched_on(monkeypatch):
    monkeypatch.delenv(tracing.OTLP_ENDPOINT, raising=False)
    monkeypatch.delenv(tracing.SENTRY_DSN, raising=False)
    app = _app()
    middlewares = list(app.middleware.middlewares)
    assert tracing.instrument_app(app, SERVICE, environ={}) is False
    assert app.middleware.middlewares == middlewares
    assert not sentry_sdk.get_client().is_active()


def test_with_an_otlp_endpoint_each_request_is_a_span_named_after_its_operation(monkeypatch):
    exporter = EXPORTER
    provider = tracing.tracer_provider(SERVICE, exporter)
    monkeypatch.setenv(tracing.OTLP_ENDPOINT, "http://127.0.0.1:4318")
    client = _app().test_client()
    assert client.get("/things/5", headers={"X-Request-ID": "req-traced"}).status_code == 200
    assert client.get("/health/live").status_code == 200
    provider.force_flush()
    names = [span.name for span in exporter.get_finished_spans() if span.kind == trace.SpanKind.SERVER]
    assert names == ["GET tests.test_metrics.read_thing"]
    assert provider.resource.attributes["service.name"] == SERVICE


def test_with_a_sentry_dsn_a_failing_request_is_reported_once_with_its_request_id():
    transport = CapturedEvents()
    try:
        assert tracing.init_sentry(SERVICE, {tracing.SENTRY_DSN: "https://key@sentry.invalid/1"}, transport)
        client = _app().test_client(raise_server_exceptions=False)
        assert client.get("/things/500", headers={"X-Request-ID": "req-failing"}).status_code == 500
        assert client.get("/things/404").status_code == 404
        sentry_sdk.flush()
        [event] = transport.events
        assert event["tags"] == {"service": SERVICE, "request_id": "req-failing"}
        assert event["exception"]["values"][0]["value"] == "this handler fails"
    finally:
        sentry_sdk.init()  # off again: no DSN


@pytest.mark.parametrize("variable", [tracing.OTLP_ENDPOINT, tracing.SENTRY_DSN])
def test_an_empty_variable_switches_nothing_on(variable):
    assert not tracing.tracing_wanted({variable: ""})
    assert not tracing.sentry_wanted({variable: ""})


def test_with_an_otlp_endpoint_each_task_run_is_a_span():
    assert tracing.instrument_worker(SERVICE, {}, exporter=EXPORTER)
    app = Celery("traced", set_as_current=False)
    app.conf.task_always_eager = True

    @app.task(name="test.traced")
    def traced() -> str:
        return "ran"

    assert traced.delay().get() == "ran"
    tracing.tracer_provider(SERVICE).force_flush()
    assert "run/test.traced" in [span.name for span in EXPORTER.get_finished_spans()]


def test_without_the_variables_a_worker_is_left_alone():
    assert tracing.instrument_worker(SERVICE, {}) is False
