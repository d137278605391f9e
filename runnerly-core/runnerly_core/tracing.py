"""OpenTelemetry tracing and Sentry, each on only when its variable is set.

- ``OTEL_EXPORTER_OTLP_ENDPOINT``: spans for every request (named after the operation),
  every call made with ``requests`` (``traceparent`` goes with it) and every Celery task,
  exported over OTLP/HTTP. The SDK reads its usual ``OTEL_*`` variables.
- ``SENTRY_DSN``: errors (and their request ids) reported to Sentry.

Both SDKs come with the ``observability`` extra of runnerly-core
(``pip install runnerly-core[observability]``). Without the variables nothing is imported
and nothing changes; with a variable but without the extra, the service refuses to start,
since the operator asked for something it cannot do.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from runnerly_core import logs

log = logging.getLogger(__name__)

OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT"
SENTRY_DSN = "SENTRY_DSN"
_configured: dict[str, object] = {}


def tracing_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    return bool(environ.get(OTLP_ENDPOINT))


def sentry_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    return bool(environ.get(SENTRY_DSN))


def tracer_provider(service: str, exporter=None):
    """The process's tracer provider (made once): OTLP over HTTP, or ``exporter`` (tests).
    Calls made with ``requests`` and Celery tasks, sent or run, are traced from then on,
    so a task's span joins the trace of the request that sent it."""
    if "provider" not in _configured:
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.instrumentation.celery import CeleryInstrumentor
        from opentelemetry.instrumentation.requests import RequestsInstrumentor
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        provider = TracerProvider(resource=Resource.create({"service.name": service}))
        provider.add_span_processor(BatchSpanProcessor(exporter or OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
        RequestsInstrumentor().instrument(tracer_provider=provider)
        CeleryInstrumentor().instrument(tracer_provider=provider)
        _configured["provider"] = provider
    return _configured["provider"]


def instrument_app(
    connexion_app, service: str, environ: Mapping[str, str] = os.environ, exporter=None
) -> bool:
    """Trace ``connexion_app``'s requests when tracing is wanted; report errors to Sentry
    when it is wanted. Returns whether anything was switched on."""
    traced = tracing_wanted(environ) or exporter is not None
    if traced:
        from connexion.middleware import MiddlewarePosition
        from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

        provider = tracer_provider(service, exporter)
        # Added first, so outside the namer: its span is current when the namer renames.
        connexion_app.add_middleware(
            OpenTelemetryMiddleware,
            MiddlewarePosition.BEFORE_EXCEPTION,
            tracer_provider=provider,
            excluded_urls="health/,metrics",
        )
        connexion_app.add_middleware(SpanNamedAfterOperation, MiddlewarePosition.BEFORE_EXCEPTION)
    reported = init_sentry(service, environ)
    return traced or reported


def instrument_worker(service: str, environ: Mapping[str, str] = os.environ, exporter=None) -> bool:
    """Tasks traced (a span per task, in the trace of whoever sent it) and errors reported:
    called in each process that runs tasks."""
    traced = tracing_wanted(environ) or exporter is not None
    if traced:
        tracer_provider(service, exporter)
    return init_sentry(service, environ) or traced


def init_sentry(service: str, environ: Mapping[str, str] = os.environ, transport=None) -> bool:
    if not sentry_wanted(environ):
        return False
    import sentry_sdk
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=environ[SENTRY_DSN],
        environment=environ.get("SENTRY_ENVIRONMENT"),
        # Sentry's default sends no bodies, cookies or addresses: none leave the suite.
        traces_sample_rate=0.0,  # traces go to OpenTelemetry
        before_send=_tag_request_id,
        transport=transport,
    )
    # Connexion logs the error that Sentry's Flask integration has just reported.
    ignore_logger("connexion.middleware.exceptions")
    sentry_sdk.set_tag("service", service)
    return True


def _tag_request_id(event: dict, _hint) -> dict:
    """One id finds the error among the logs of every process."""
    request_id = logs.current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


class SpanNamedAfterOperation:
    """Renames the request's span ``GET runnerly_data.runs.api.list_runs``: paths hold ids,
    the operation does not, so spans group by what was done."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("extensions", {})

        async def send_renaming(message) -> None:
            # The span ends with the response's body: rename it when the response starts.
            if message["type"] == "http.response.start":
                _rename_current_span(scope)
            await send(message)

        await self.app(scope, receive, send_renaming)


def _rename_current_span(scope) -> None:
    from opentelemetry import trace

    operation = scope["extensions"].get("connexion_routing", {}).get("operation_id")
    if operation:
        trace.get_current_span().update_name(f"{scope['method']} {operation}")
