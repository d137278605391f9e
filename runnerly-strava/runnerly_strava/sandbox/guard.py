"""What happens around every request: rate limits, injected faults, the log."""

from __future__ import annotations

import time

from flask import Response, g, request

from .clients import bearer_token
from .core import current_sandbox
from .errors import rate_limit_exceeded, server_error

ADMIN_PREFIX = "/_sandbox"


def limit_api_request() -> None:
    """Before every /api/v3 request: count it, then fail it if a fault or a limit says so."""
    sandbox = current_sandbox()
    client_id = sandbox.tokens.client_of(bearer_token()) or request.values.get("client_id")
    if sandbox.application(client_id) is None:
        # Unknown callers still get headers; they are billed to the first application.
        client_id = sandbox.default_client_id
    g.client_id = client_id
    fault = sandbox.faults.take()
    if fault.latency_ms:
        time.sleep(fault.latency_ms / 1000)
    verdict = sandbox.limiter.hit(client_id)
    g.rate_limit_headers = verdict.headers
    if fault.status == 429 or verdict.limited:
        raise rate_limit_exceeded()
    if fault.status:
        raise server_error(fault.status)


def add_rate_limit_headers(response: Response) -> Response:
    response.headers.update(g.get("rate_limit_headers", {}))
    return response


def _endpoint_name() -> str:
    rule = request.url_rule.rule if request.url_rule else request.path
    for converter in ("<int:", "<"):
        rule = rule.replace(converter, "{")
    return f"{request.method} {rule.replace('>', '}')}"


def log_request(response: Response) -> Response:
    """Record every Strava-facing request (not the admin API) for the counters."""
    if not request.path.startswith(ADMIN_PREFIX):
        current_sandbox().requests.record(
            time=current_sandbox().clock(),
            method=request.method,
            path=request.full_path.rstrip("?"),
            endpoint=_endpoint_name(),
            status=response.status_code,
            client_id=g.get("client_id"),
            athlete_id=g.get("athlete_id"),
        )
    return response
