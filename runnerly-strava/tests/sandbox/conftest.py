"""Fixtures for the sandbox tests: a fixed clock, a live sandbox, a webhook receiver."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from runnerly_strava.sandbox import RateLimits, SandboxConfig
from runnerly_strava.sandbox.testing import FakeClock, RunningSandbox, serve_sandbox

#: Tuesday 10 March 2026, 10:05:00 UTC.
NOW = datetime(2026, 3, 10, 10, 5, tzinfo=UTC).timestamp()
HISTORY_END = date(2026, 3, 10)
SMALL_COUNTS = {1: 120, 2: 30, 3: 20, 4: 10}
#: Room for the paging tests; the rate-limit tests set their own limits.
ROOMY_LIMITS = RateLimits(overall=(5000, 50000), read=(5000, 50000))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def config(clock: FakeClock) -> SandboxConfig:
    return SandboxConfig(
        seed=7,
        activity_counts=SMALL_COUNTS,
        history_end=HISTORY_END,
        access_token_lifetime=3600,
        rate_limits=ROOMY_LIMITS,
        webhook_timeout=0.5,
        webhook_retry_delay=0.05,
        clock=clock,
    )


@pytest.fixture
def strava(config: SandboxConfig) -> Iterator[RunningSandbox]:
    with serve_sandbox(config) as running:
        yield running


@pytest.fixture
def token(strava: RunningSandbox) -> dict[str, Any]:
    """Athlete 1's token with every read scope, private activities included."""
    return strava.authorize(athlete_id=1)


class Api:
    """GET /api/v3 calls with a token, as Runnerly's client makes them."""

    def __init__(self, strava: RunningSandbox, token: dict[str, Any]) -> None:
        self.strava = strava
        self.token = token

    def get(self, path: str, token: dict[str, Any] | None = None, **params: Any) -> requests.Response:
        headers = self.strava.bearer(token or self.token)
        return requests.get(self.strava.url(f"/api/v3{path}"), headers=headers, params=params, timeout=10)

    def page(self, token: dict[str, Any] | None = None, **params: Any) -> list[dict[str, Any]]:
        answer = self.get("/athlete/activities", token, **params)
        answer.raise_for_status()
        return answer.json()

    def all_activities(self, token: dict[str, Any] | None = None, **params: Any) -> list[dict[str, Any]]:
        found, page = [], 1
        while batch := self.page(token, page=page, per_page=200, **params):
            found.extend(batch)
            page += 1
        return found


@pytest.fixture
def api(strava: RunningSandbox, token: dict[str, Any]) -> Api:
    return Api(strava, token)


class Receiver:
    """A webhook callback on a real port: echoes the challenge (or not), can fail
    the first N events or answer slowly, and records what arrived."""

    def __init__(self) -> None:
        self.echo = True
        self.wrong_challenge = False
        self.failures_left = 0
        self.delay = 0.0
        self.validations: list[dict[str, str]] = []
        self.posts: list[dict[str, Any]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        serve = functools.partial(self._server.serve_forever, poll_interval=0.05)
        self._thread = threading.Thread(target=serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/strava/webhook"

    def events(self) -> list[dict[str, Any]]:
        return [post for post in self.posts if post["answered"] == 200]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                receiver.validations.append(params)
                time.sleep(receiver.delay)
                if not receiver.echo:
                    self._answer(200, {"ok": True})
                    return
                challenge = "not-it" if receiver.wrong_challenge else params.get("hub.challenge")
                self._answer(200, {"hub.challenge": challenge})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                time.sleep(receiver.delay)
                status = 500 if receiver.failures_left > 0 else 200
                receiver.failures_left -= status == 500
                receiver.posts.append({**body, "answered": status})
                self._answer(status, {})

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                # A slow answer may find the sandbox gone: it gave up, as it should.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                """Quiet."""

        return Handler

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def _wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not met in time")
        time.sleep(0.02)


@pytest.fixture
def wait_for() -> Callable[..., None]:
    """Poll until a condition holds; fail the test if it never does."""
    return _wait_for


@pytest.fixture
def subscribe(strava: RunningSandbox, receiver: Receiver) -> Callable[[], int]:
    def create() -> int:
        form = {"client_id": strava.client_id, "client_secret": strava.client_secret,
                "callback_url": receiver.url, "verify_token": "runnerly"}  # fmt: skip
        response = requests.post(strava.url("/api/v3/push_subscriptions"), data=form, timeout=10)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    return create
