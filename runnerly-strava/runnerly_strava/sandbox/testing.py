"""Helpers for test suites: a movable clock and a sandbox on a real local port.

with serve_sandbox(SandboxConfig(clock=FakeClock(...))) as strava:
    token = strava.authorize(athlete_id=1)
    requests.get(strava.url("/api/v3/athlete"), headers=strava.bearer(token))
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_app, sandbox_of
from .config import Application, SandboxConfig
from .core import Sandbox

DEFAULT_SCOPE = "read,profile:read_all,activity:read,activity:read_all"
CALLBACK_URL = "http://localhost/exchange_token"
TIMEOUT = 10


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: float) -> None:
        self._now = float(now)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def set(self, now: float) -> None:
        with self._lock:
            self._now = float(now)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """Test output stays readable without a line per request."""


@dataclass
class RunningSandbox:
    base_url: str
    app: Flask

    @property
    def sandbox(self) -> Sandbox:
        return sandbox_of(self.app)

    @property
    def client_id(self) -> str:
        return self.sandbox.config.applications[0].client_id

    @property
    def client_secret(self) -> str:
        return self.sandbox.config.applications[0].client_secret

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    @staticmethod
    def bearer(token: dict[str, Any] | str) -> dict[str, str]:
        value = token["access_token"] if isinstance(token, dict) else token
        return {"Authorization": f"Bearer {value}"}

    def authorization_code(
        self, athlete_id: int = 1, scope: str = DEFAULT_SCOPE, application: Application | None = None
    ) -> str:
        """Approve the consent form as the athlete would and return the code."""
        client_id = (application or self.sandbox.config.applications[0]).client_id
        form = {"client_id": client_id, "redirect_uri": CALLBACK_URL, "response_type": "code",
                "athlete_id": str(athlete_id), "scope": scope, "decision": "authorize"}  # fmt: skip
        response = requests.post(
            self.url("/oauth/authorize"), data=form, allow_redirects=False, timeout=TIMEOUT
        )
        response.raise_for_status()
        return parse_qs(urlsplit(response.headers["Location"]).query)["code"][0]

    def authorize(
        self, athlete_id: int = 1, scope: str = DEFAULT_SCOPE, application: Application | None = None
    ) -> dict[str, Any]:
        """The whole OAuth code flow (for the first application by default); Strava's token answer."""
        app = application or self.sandbox.config.applications[0]
        code = self.authorization_code(athlete_id, scope, app)
        form = {"client_id": app.client_id, "client_secret": app.client_secret,
                "code": code, "grant_type": "authorization_code"}  # fmt: skip
        response = requests.post(self.url("/oauth/token"), data=form, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()

    def admin(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        token = self.sandbox.config.admin_token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.request(
            method, self.url(f"/_sandbox{path}"), headers=headers, timeout=TIMEOUT, **kwargs
        )


@contextmanager
def serve_sandbox(config: SandboxConfig | None = None) -> Iterator[RunningSandbox]:
    """A sandbox served by a threaded Werkzeug server on an ephemeral local port."""
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    # A short poll interval makes shutdown quick: tests start many sandboxes.
    serve = functools.partial(server.serve_forever, poll_interval=0.05)
    thread = threading.Thread(target=serve, name="strava-sandbox-http", daemon=True)
    thread.start()
    try:
        yield RunningSandbox(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
        sandbox_of(app).dispatcher.stop()
