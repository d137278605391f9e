"""`make test-compose`: the stack operators get, started for real and checked.

One session-wide stack (project ``runnerlycompose``): an engine (started here when none
answers), the images (tests/compose/images.py), the operator's .env and secrets in a
temporary folder, `build` and `up`. Without Docker the suite skips, except under CI, where
it fails: CI must never pass by not running it.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet

from . import images
from .engine import Engine, run
from .stack import ROOT, Compose

PROJECT = "runnerlycompose"
# The Strava sandbox and the mail sink: what a developer's compose adds.
PROFILES = ("sandbox", "development")
REPLICAS = {"strava-worker": 3, "data": 2, "tokendealer": 2}
SCALE = [word for service, count in REPLICAS.items() for word in ("--scale", f"{service}={count}")]
TIMINGS: dict[str, float] = {}
HEALTHY: list[str] = []


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "late: runs after the other tests (it waits for time that they let pass)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`late` tests run after the others, and `down -v` last, whatever the files are called."""
    items.sort(key=lambda item: (item.name.startswith("test_down_"), bool(item.get_closest_marker("late"))))


def pytest_terminal_summary(terminalreporter) -> None:
    if TIMINGS:
        figures = ", ".join(f"{step} {seconds:.0f} s" for step, seconds in TIMINGS.items())
        terminalreporter.write_line(f"compose: {figures}")
    if HEALTHY:
        terminalreporter.write_line(f"compose: healthy containers: {' '.join(HEALTHY)}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def operator_setup(folder: Path, sandbox_port: int, gateway_port: int) -> Path:
    """docs/operations.md's first steps: `cp .env.example .env`, fill it in, make the secrets."""
    values = {
        "POSTGRES_PASSWORD": secrets.token_urlsafe(32),
        "RABBITMQ_PASSWORD": secrets.token_urlsafe(32),
        "STRAVA_CLIENT_ID": "12345",
        "STRAVA_CLIENT_SECRET": secrets.token_urlsafe(32),
        "STRAVA_REDIRECT_URI": "http://localhost:5000/strava/callback",
        "STRAVA_API_URL": "http://strava-sandbox:5090/api/v3",
        "STRAVA_OAUTH_URL": "http://strava-sandbox:5090/oauth",
        "STRAVA_OAUTH_PUBLIC_URL": f"http://localhost:{sandbox_port}/oauth",
        "STRAVA_SANDBOX_PORT": str(sandbox_port),
        "STRAVA_TOKEN_KEYS": Fernet.generate_key().decode(),
        "STRAVA_STATE_SECRET": secrets.token_urlsafe(32),
        "STRAVA_WEBHOOK_VERIFY_TOKEN": secrets.token_urlsafe(32),
        "STRAVA_WEBHOOK_PATH_SECRET": secrets.token_urlsafe(32),
        "RUNNERLY_SECRETS_DIR": str(folder / "secrets"),
        "PUBLIC_URL": f"http://localhost:{gateway_port}",
        "GATEWAY_PORT": str(gateway_port),
        # The development profile's mail sink (docs/operations.md).
        "MAIL_FROM": "Runnerly <no-reply@runnerly.test>",
        "SMTP_HOST": "mail-sink",
        "SMTP_PORT": "8025",
        "SMTP_USERNAME": "",
        "SMTP_STARTTLS": "false",
    }
    lines = [
        line
        if not line or line.startswith("#")
        else f"{line.partition('=')[0]}={values[line.partition('=')[0]]}"
        for line in (ROOT / ".env.example").read_text().splitlines()
    ]
    env_file = folder / ".env"
    env_file.write_text("\n".join(lines) + "\n")
    run("sh", str(ROOT / "deploy" / "make-secrets.sh"), str(folder / "secrets"))
    return env_file


@dataclass
class Suite:
    """The started stack and what an operator of it holds."""

    compose: Compose
    secrets: Path
    sandbox_url: str
    gateway: str  # the one published port: http://localhost:<GATEWAY_PORT>
    tokens: dict = field(default_factory=dict)

    def secret(self, name: str) -> str:
        return (self.secrets / name).read_text().strip()

    def url(self, service: str, port: int, index: int = 1) -> str:
        return self.compose.url(service, port, index)

    def token(self, client: tuple[str, str], audience: str, scope: str, subject: int | None = None) -> dict:
        """A token from the dealer through the gateway, kept for reuse as a client would:
        the gateway allows few token requests a minute per address."""
        key = (client, audience, scope, subject)
        if key not in self.tokens:
            form = {"grant_type": "client_credentials", "audience": audience, "scope": scope}
            if subject is not None:
                form.update(grant_type="urn:runnerly:params:oauth:grant-type:user", subject=str(subject))
            answer = self._post_token(client, form)
            answer.raise_for_status()
            self.tokens[key] = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        return self.tokens[key]

    def _post_token(self, client: tuple[str, str], form: dict) -> requests.Response:
        url = f"{self.gateway}/api/tokendealer/oauth/token"
        answer = requests.post(url, auth=client, data=form, timeout=10)
        if answer.status_code == 429:  # the auth limit: wait as told, once
            time.sleep(int(answer.headers["Retry-After"]))
            answer = requests.post(url, auth=client, data=form, timeout=10)
        return answer

    @property
    def dashboard(self) -> tuple[str, str]:
        return ("runnerly-dashboard", self.secret("runnerly-dashboard-client"))

    def sandbox_admin(self) -> dict:
        return {"Authorization": f"Bearer {self.secret('strava-sandbox-admin-token')}"}


def _engine() -> Engine:
    try:
        return Engine().start()
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Docker engine here ({error}); CI runs this suite")


def _timed(step: str, action, *args):
    start = time.monotonic()
    try:
        return action(*args)
    finally:
        TIMINGS[step] = time.monotonic() - start


def _up(compose: Compose) -> None:
    """`up -d`, scaled; when a container fails, its own logs say why."""
    try:
        compose("up", "-d", *SCALE)
    except RuntimeError as error:
        stuck = [c for c in compose.containers() if not c.ready]
        raise AssertionError(f"{error}\n{compose.report('not up', stuck)}") from error


@pytest.fixture(scope="session")
def suite(tmp_path_factory) -> Iterator[Suite]:
    engine = _timed("engine", _engine)
    folder = tmp_path_factory.mktemp("operator")
    sandbox_port, gateway_port = free_port(), free_port()
    compose = Compose(PROJECT, operator_setup(folder, sandbox_port, gateway_port), PROFILES)
    try:
        # The dashboard's built app, which the gateway and dashboard images copy.
        _timed("frontend", lambda: run("make", "--no-print-directory", "frontend", cwd=ROOT))
        _timed("images", images.build_all)
        compose.down()  # whatever an interrupted run left
        _timed("build", compose, "build", "--build-arg", "PIP_NO_INDEX=1")
        # Scaled from the start, as docs/operations.md shows: every replica must come up.
        _timed("up", _up, compose)
        yield Suite(
            compose,
            folder / "secrets",
            f"http://localhost:{sandbox_port}",
            f"http://localhost:{gateway_port}",
        )
    finally:
        compose("down", "-v", "--remove-orphans", "--timeout", "20", check=False)
        engine.stop()


@pytest.fixture(scope="session")
def ready(suite: Suite) -> list:
    """Every container healthy, or done for one-shot jobs."""
    containers = suite.compose.wait_until_ready(timeout=600)  # a busy 2-core machine is slow
    HEALTHY[:] = sorted(c.name for c in containers if not c.one_shot)
    return containers


@pytest.fixture(scope="session")
def scaled(suite: Suite, ready) -> Suite:
    """The stack with its scaled services (SCALE) all ready."""
    for service, count in REPLICAS.items():
        assert len(suite.compose.containers(service)) == count, service
    return suite
