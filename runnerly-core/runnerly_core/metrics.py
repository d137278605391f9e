"""Prometheus metrics: request counts and latencies per operation, served at ``/metrics``.

Labels use the OpenAPI ``operationId`` rather than the raw path, so that ids in URLs do not
explode the number of series. Under several gunicorn workers set
``PROMETHEUS_MULTIPROC_DIR`` and the exposition aggregates every worker.
"""

from __future__ import annotations

import os
import time

from flask import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

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
        # Connexion's router records the operation in a shallow copy of the scope; a shared
        # "extensions" dict is how that record reaches this middleware.
        scope.setdefault("extensions", {})

        async def record_status(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            operation = _operation(scope)
            REQUESTS.labels(self.service, scope["method"], operation, str(status)).inc()
            LATENCY.labels(self.service, scope["method"], operation).observe(time.perf_counter() - start)


def metrics() -> Response:
    """The Prometheus exposition (operationId ``runnerly_core.metrics.metrics``)."""
    registry = DEFAULT_REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
