"""How the ASGI server reaches Flask: on the event loop's thread, or through a thread pool.

Connexion 3 serves Flask behind ``a2wsgi.WSGIMiddleware`` with a fixed pool of 10 threads.
Each request then crosses from the event loop to a pool thread and back (once more per
body chunk sent), and under load the threads and the loop contend for the GIL: the data
service spent 1.3-1.5x the CPU per request of the same code under plain Flask
(benchmarks/README.md). Our handlers are short (slow work goes to Celery), so by default
Flask runs on the loop's thread, one request at a time per worker, like gunicorn's sync
worker; Connexion's validation still runs first, in its ASGI middleware. A service whose
handlers wait on the network can ask for a pool instead (``wsgi_threads``).
"""

from __future__ import annotations

import io

import a2wsgi
from a2wsgi.wsgi import build_environ


def wsgi_bridge(wsgi_app, threads: int):
    """The ASGI app that calls ``wsgi_app``: inline when ``threads`` is 0, else a pool of
    ``threads`` threads."""
    if threads < 0:
        raise ValueError(f"wsgi_threads must be 0 (inline) or more, not {threads}")
    if threads == 0:
        return InlineWSGIBridge(wsgi_app)
    return a2wsgi.WSGIMiddleware(wsgi_app, workers=threads)


def install_bridge(connexion_app, threads: int) -> None:
    """Replace the bridge Connexion built (``FlaskASGIApp.asgi_app``, a private attribute:
    Connexion is pinned in constraints.txt and tests/test_bridge.py guards it)."""
    middleware_app = connexion_app._middleware_app
    middleware_app.asgi_app = wsgi_bridge(middleware_app.app.wsgi_app, threads)


class InlineWSGIBridge:
    """ASGI to WSGI without a thread: the request body is read on the loop (Connexion's
    validation has buffered it already), Flask is called, and its response is sent."""

    def __init__(self, app) -> None:
        # ``app`` under that name: Connexion's ``add_wsgi_middleware`` wraps ``asgi_app.app``.
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1000})

    async def _http(self, scope, receive, send) -> None:
        environ = build_environ(scope, io.BytesIO(await _read_body(receive)))
        environ["wsgi.multithread"] = False
        response = _WSGIResponse()
        iterable = self.app(environ, response.start_response)
        try:
            response.chunks.extend(chunk for chunk in iterable if chunk)
        finally:
            getattr(iterable, "close", lambda: None)()
        await response.send_to(send)


class _WSGIResponse:
    """What the WSGI app answered, kept until it has finished."""

    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    def start_response(self, status: str, headers, exc_info=None):
        # Nothing is sent before the app returns, so a second call (with exc_info, from an
        # error handler) may always replace the first.
        self.status = int(status.split(" ", 1)[0])
        self.headers = [
            (name.strip().lower().encode("latin1"), value.strip().encode("latin1")) for name, value in headers
        ]
        return self.chunks.append

    async def send_to(self, send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": b"".join(self.chunks)})


async def _read_body(receive) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        body.extend(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return bytes(body)


async def _lifespan(receive, send) -> None:
    """Nothing to start or stop: acknowledge both, as a2wsgi does."""
    for event in ("startup", "shutdown"):
        await receive()
        await send({"type": f"lifespan.{event}.complete"})
