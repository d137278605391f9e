"""JSON logs that carry the request id of the request being served.

The id is read from ``X-Request-ID`` (or made) by :class:`RequestIdMiddleware` on the
event loop, then bound to a context variable in the Flask worker thread that serves the
request, so log lines and downstream calls made there carry it.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = b"x-request-id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")  # don't echo arbitrary bytes into logs

_request_id: ContextVar[str | None] = ContextVar("runnerly_request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(value: str | None):
    """Bind the id for the current context; returns the token to reset it with."""
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


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

        async def send_with_id(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (REQUEST_ID_HEADER, request_id)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            reset_request_id(token)
