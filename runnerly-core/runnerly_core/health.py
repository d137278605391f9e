"""``/health/live`` and ``/health/ready``, documented in each service's spec.

Readiness checks are callables registered by the service (database, broker ...); each
returns nothing or raises. Liveness never touches a dependency: a restart does not fix a
database that is down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import current_app

log = logging.getLogger(__name__)

READINESS = "runnerly_readiness"


def add_readiness_check(flask_app, name: str, check: Callable[[], None]) -> None:
    flask_app.extensions.setdefault(READINESS, {})[name] = check


def live():
    return {"status": "ok"}, 200, {"Content-Type": "application/json"}


def ready():
    results = {name: _run(check) for name, check in current_app.extensions.get(READINESS, {}).items()}
    if all(result == "ok" for result in results.values()):
        return {"status": "ok", "checks": results}, 200, {"Content-Type": "application/json"}
    body = {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "A dependency does not answer.",
        "checks": results,
    }
    return body, 503, {"Content-Type": "application/problem+json"}


def _run(check: Callable[[], None]) -> str:
    try:
        check()
    except Exception as error:  # noqa: BLE001 — any failure means "not ready", and is reported
        log.warning("readiness check failed: %s", error)
        return f"failed: {type(error).__name__}"
    return "ok"
