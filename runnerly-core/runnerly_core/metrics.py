"""Prometheus metrics: request counts and latencies per operation, served at ``/metrics``.

Labels use the OpenAPI ``operationId`` rather than the raw path, so that ids in URLs do not
explode the number of series. Under several gunicorn workers set
``PROMETHEUS_MULTIPROC_DIR`` and the exposition aggregates every worker.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable

from flask import Response, current_app
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)
COLLECTORS = "runnerly_metrics_collectors"
# Methods a client may send are unbounded; anything else is counted as "other".
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "runnerly_http_requests_total",
    "HTTP requests served.",
    ["service", "method", "operation", "status"],
)
LATENCY = Histogram(
    "runnerly_http_request_duration_seconds",
    "Time to serve an HTTP request.",
    ["service", "method", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def _operation(scope) -> str:
    routing = scope.get("extensions", {}).get("connexion_routing", {})
    return routing.get("operation_id") or "unrouted"


class MetricsMiddleware:
    """ASGI middleware placed outside Connexion's exception handling, so 4xx/5xx count."""

    def __init__(self, app, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        start = time.perf_counter()
        recorded = False
        # Connexion's router records the operation in a shallow copy of the scope; a shared
        # "extensions" dict is how that record reaches this middleware.
        scope.setdefault("extensions", {})

        def record() -> None:
            nonlocal recorded
            if not recorded:
                recorded = True
                operation = _operation(scope)
                method = scope["method"] if scope["method"] in METHODS else "other"
                REQUESTS.labels(self.service, method, operation, str(status)).inc()
                LATENCY.labels(self.service, method, operation).observe(time.perf_counter() - start)

        async def record_status(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                # Counted before the last byte leaves: a client that has its answer and reads
                # /metrics next (from any worker) finds the request counted.
                record()
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            record()  # no body sent: the app failed, or the client left


def process_registry() -> CollectorRegistry:
    """What this process counted, or every worker's sum under ``PROMETHEUS_MULTIPROC_DIR``."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return DEFAULT_REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def add_collector(flask_app, collector: Collector) -> None:
    """A collector read at scrape time by this app's ``/metrics`` only (figures read from
    a database or a broker, which one process of the service reports for all of them)."""
    registry = flask_app.extensions.setdefault(COLLECTORS, CollectorRegistry(auto_describe=True))
    registry.register(collector)


def metrics() -> Response:
    """The Prometheus exposition (operationId ``runnerly_core.metrics.metrics``)."""
    body = generate_latest(process_registry())
    own = current_app.extensions.get(COLLECTORS)
    if own is not None:
        body += generate_latest(own)
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


# Every address: Prometheus scrapes the worker from outside its container.
def serve_in_thread(port: int, addr: str = "0.0.0.0") -> None:  # noqa: S104
    """``/metrics`` of a process that serves no HTTP (a Celery worker, a consumer)."""
    start_http_server(port, addr=addr, registry=process_registry())


class GaugeCollector:
    """Gauges computed when scraped: ``read()`` returns ``{label values: value}``.

    A failing read is logged and yields no sample, so a scrape never fails with it."""

    def __init__(self, name: str, documentation: str, labels: Iterable[str], read: Callable[[], dict]):
        self.name, self.documentation, self.labels, self.read = name, documentation, list(labels), read

    def describe(self):
        return [GaugeMetricFamily(self.name, self.documentation, labels=self.labels)]

    def collect(self):
        family = GaugeMetricFamily(self.name, self.documentation, labels=self.labels)
        try:
            values = self.read()
        except Exception as error:  # noqa: BLE001 — a metric must never break the scrape
            log.warning("metric %s not read: %s", self.name, error)
            values = {}
        for label_values, value in values.items():
            family.add_metric([str(v) for v in label_values], value)
        yield family


def jobs_by_state(name: str, read: Callable[[], dict[str, int]]) -> GaugeCollector:
    """``<name>{state}``: a service's jobs counted by state at scrape time (the import
    service's ``runnerly_import_jobs``); ``read`` returns ``{state: count}``."""
    return GaugeCollector(
        name,
        "Jobs by state.",
        ["state"],
        lambda: {(state,): count for state, count in read().items()},
    )
