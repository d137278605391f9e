"""Attacks on the suite through its real gateway (``make test-attacks``): the OWASP API
Security Top 10 (2023) cases that apply, and schemathesis on every service's contract.

One suite for the whole package (starting it takes about a minute): two runners, the demo
runner ("alice", with a year of runs and a plan) and the Strava demo runner ("bob"), each
with user tokens from the token dealer and a dashboard session.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from runnerly_core.testing import require_in_ci

from .stack import RUNNING, Stack, running_stack

DEMO_EMAIL = "demo@runnerly.local"
STRAVA_DEMO_EMAIL = "strava-demo@runnerly.local"
AUDIENCES = {
    "data": (
        "runnerly-data",
        "users:read users:write runs:read runs:write plans:read plans:write races:read",
    ),
    "training": ("runnerly-training", "fitness:read load:read"),
    "strava": ("runnerly-strava", "strava:read strava:link"),
    "import": ("runnerly-import", "imports:read imports:write"),
}


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    if os.environ.get(RUNNING):  # a suite started by `python -m tests.attacks.stack`
        yield Stack(Path(os.environ[RUNNING]))
        return
    if shutil.which("nginx") is None:
        require_in_ci("nginx with the Lua module (make gateway-deps) for the attacks through the gateway")
        pytest.skip("nginx is not installed (make gateway-deps)")
    with running_stack(tmp_path_factory.mktemp("run")) as running:
        yield running


class Runner:
    """One runner as an attacker or a victim: user tokens for every service, and the
    dashboard session of a browser."""

    def __init__(self, stack: Stack, email: str) -> None:
        self.stack, self.email = stack, email
        self.id = _user_id(stack, email)
        self._tokens: dict[str, str] = {}
        self.browser = requests.Session()

    def headers(self, service: str) -> dict:
        if service not in self._tokens:
            audience, scope = AUDIENCES[service]
            self._tokens[service] = self.stack.token(audience, scope, user_id=self.id)
        return {"Authorization": f"Bearer {self._tokens[service]}"}

    def api(self, method: str, service: str, path: str, **kwargs) -> requests.Response:
        url = f"{self.stack.gateway}/api/{service}{path}"
        return requests.request(method, url, headers=self.headers(service), timeout=30, **kwargs)

    def log_in(self) -> Runner:
        self.browser.get(f"{self.stack.gateway}/api/session", timeout=10)
        body = {"email": self.email, "password": self.stack.demo_password}
        self.dashboard("POST", "/api/login", json=body).raise_for_status()
        return self

    def dashboard(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"X-CSRF-Token": self.browser.cookies.get("runnerly_csrf", "")}
        return self.browser.request(
            method, f"{self.stack.gateway}{path}", headers=headers, timeout=30, **kwargs
        )


def _user_id(stack: Stack, email: str) -> int:
    token = stack.token("runnerly-data", "users:read")
    found = requests.get(
        f"{stack.gateway}/api/data/users",
        params={"email": email},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    found.raise_for_status()
    return found.json()["items"][0]["id"]


@pytest.fixture(scope="session")
def alice(stack) -> Runner:
    return Runner(stack, DEMO_EMAIL).log_in()


@pytest.fixture(scope="session")
def bob(stack) -> Runner:
    return Runner(stack, STRAVA_DEMO_EMAIL).log_in()
