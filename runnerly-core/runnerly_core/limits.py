"""Request body size limits, per operation, from the spec: 413 before a body is read whole.

Each operation may set ``x-body-limit`` (bytes); the rest take the spec's top-level
``x-body-limit``, else :data:`DEFAULT_BODY_LIMIT`. The check runs outside Connexion, before
routing, security and validation: an oversized body from anyone is refused without being
parsed. A declared ``Content-Length`` over the limit is refused at once; a chunked body is
read only up to the limit (the server holds no more than that), then refused or replayed.
"""

from __future__ import annotations

import json

from runnerly_core.allow import HTTP_METHODS, path_pattern

# Enough for any form or JSON object a person types; bulk operations set their own.
DEFAULT_BODY_LIMIT = 64 * 1024
BODY_LIMIT_KEY = "x-body-limit"


def body_limits(spec: dict) -> list[tuple]:
    """``(path pattern, method, limit)`` for every operation of ``spec``."""
    default = spec.get(BODY_LIMIT_KEY, DEFAULT_BODY_LIMIT)
    table = []
    for template, item in spec["paths"].items():
        pattern = path_pattern(template)
        for method, operation in item.items():
            if method in HTTP_METHODS:
                table.append((pattern, method.upper(), operation.get(BODY_LIMIT_KEY, default)))
    return table


def too_large(limit: int) -> bytes:
    return json.dumps(
        {
            "type": "about:blank",
            "title": "Content Too Large",
            "status": 413,
            "detail": f"The request body is larger than the {limit} bytes this operation accepts.",
        }
    ).encode()


class BodyLimitMiddleware:
    def __init__(self, app, spec: dict) -> None:
        self.app = app
        self.table = body_limits(spec)
        self.default = spec.get(BODY_LIMIT_KEY, DEFAULT_BODY_LIMIT)

    def limit_for(self, method: str, path: str) -> int:
        matches = (limit for pattern, verb, limit in self.table if verb == method and pattern.match(path))
        return next(matches, self.default)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["method"], _route_path(scope))
        length = _declared_length(scope)
        if length is not None:
            # The server delivers no more than Content-Length bytes: nothing more to count.
            if length > limit:
                await _refuse(send, limit)
                return
            await self.app(scope, receive, send)
            return
        body, more = await _read_up_to(receive, limit)
        if more:
            await _refuse(send, limit)
            return
        await self.app(scope, _replay(body, receive), send)


def _route_path(scope) -> str:
    """The path the spec's templates match. Behind the gateway the path starts with the
    prefix it stripped (the root path, :mod:`runnerly_core.forwarded`), which they lack."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _declared_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_up_to(receive, limit: int) -> tuple[bytes, bool]:
    """The body up to ``limit`` bytes, and whether more was sent."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(send, limit: int) -> None:
    body = too_large(limit)
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        # The client may still be sending: tell it this connection ends here.
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
