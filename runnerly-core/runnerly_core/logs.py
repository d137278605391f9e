"""JSON logs that carry the request id of the request being served.

The id is read from ``X-Request-ID`` (or made) by :class:`RequestIdMiddleware` on the
event loop, then bound to a context variable in the Flask worker thread that serves the
request, so log lines and downstream calls made there carry it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = b"x-request-id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")  # don't echo arbitrary bytes into logs

access_log = logging.getLogger("runnerly.access")
# Probes and scrapes every few seconds would drown the lines that tell a story.
QUIET_PATHS = ("/health/", "/metrics")

_request_id: ContextVar[str | None] = ContextVar("runnerly_request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(value: str | None):
    """Bind the id for the current context; returns the token to reset it with."""
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


@contextmanager
def request_id_bound(value: str | None) -> Iterator[None]:
    """Bind ``value`` for the length of a ``with`` block (a consumer's message, a task)."""
    token = bind_request_id(value)
    try:
        yield
    finally:
        reset_request_id(token)


def valid_request_id(value: object) -> str | None:
    """``value`` if it is a request id this suite would have made or accepted, else None:
    ids come from headers and message bodies, and arbitrary bytes stay out of logs."""
    if isinstance(value, str) and _VALID_ID.match(value):
        return value
    return None


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    """Configure the root logger once per process (called by the app factory)."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if json:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                static_fields={"service": service},
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def _valid_or_new(raw: bytes | None) -> bytes:
    if raw and _VALID_ID.match(raw.decode("latin-1")):
        return raw
    return uuid.uuid4().hex.encode()


class RequestIdMiddleware:
    """ASGI middleware: make sure every request has an id, and echo it in the response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k != REQUEST_ID_HEADER]
        original = dict(scope["headers"]).get(REQUEST_ID_HEADER)
        request_id = _valid_or_new(original)
        scope["headers"] = [*headers, (REQUEST_ID_HEADER, request_id)]
        token = bind_request_id(request_id.decode())
        status, started = 500, time.perf_counter()

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER, request_id)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _log_access(scope, status, time.perf_counter() - started)
            reset_request_id(token)


def _log_access(scope, status: int, seconds: float) -> None:
    """One line per request, under its id (the servers' own access logs know no id)."""
    if scope["path"].startswith(QUIET_PATHS):
        return
    access_log.info(
        "%s %s %s %.1fms",
        scope["method"],
        scope["path"],
        status,
        seconds * 1000,
        extra={
            "request_id": current_request_id(),
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_s": round(seconds, 4),
        },
    )
