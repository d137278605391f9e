"""The real pieces around a service in integration tests and benchmarks, each on a local
port: a token endpoint with its JWKS, the data service and other services in
subprocesses, and the app under test served by uvicorn (every service's suite shares them)."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess  # test support: starts the data service with fixed arguments
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import requests
import uvicorn

from runnerly_core.testing import TestIssuer

BIN = Path(sys.executable).parent
USER_GRANT = "urn:runnerly:params:oauth:grant-type:user"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], object], timeout: float = 60, interval: float = 0.2, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


class JsonHandler(BaseHTTPRequestHandler):
    """A quiet request handler of a test server that answers JSON (:meth:`answer`)."""

    def answer(self, status: int, body: dict) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def form(self) -> dict[str, str]:
        """The request's urlencoded body, one value per field."""
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        return {name: values[0] for name, values in parse_qs(body).items()}

    def log_message(self, *args) -> None:
        """Quiet."""


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served by a thread on a free local port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def token_server(issuer: TestIssuer) -> Iterator[str]:
    """The token dealer's endpoints that services use: JWKS, client credentials, and the
    user grant (the dashboard's); tokens name the client of the HTTP Basic auth."""

    class Handler(JsonHandler):
        def do_GET(self) -> None:
            self.answer(200, issuer.jwks())

        def do_POST(self) -> None:
            form = self.form()
            audience, scope = form["audience"], form.get("scope", "")
            if form["grant_type"] == USER_GRANT:
                token = issuer.user_token(int(form["subject"]), audience=audience, scope=scope)
            else:
                token = issuer.service_token(_client_id(self.headers), audience=audience, scope=scope)
            self.answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 300})

    with http_server(Handler) as url:
        yield url


def service_env(prefix: str, database_url: str, token_url: str, issuer: TestIssuer) -> dict:
    """The environment of a service (``RUNNERLY_<prefix>_…``) that trusts ``issuer``."""
    return {
        f"RUNNERLY_{prefix}_DATABASE_URL": database_url,
        f"RUNNERLY_{prefix}_JWKS_URL": f"{token_url}/.well-known/jwks.json",
        f"RUNNERLY_{prefix}_TOKEN_ISSUER": issuer.issuer,
        f"RUNNERLY_{prefix}_TOKEN_URL": token_url,
        f"RUNNERLY_{prefix}_ENVIRONMENT": "test",
        f"RUNNERLY_{prefix}_LOG_JSON": "false",
        f"RUNNERLY_{prefix}_LOG_LEVEL": "WARNING",
    }


@contextmanager
def service_process(
    name: str, env: dict, log_dir: Path, migrate: bool = True, port: int | None = None
) -> Iterator[str]:
    """The ``runnerly-<name>`` service, migrated, served by its console script on ``port``
    (a free one by default; its output in ``log_dir/<name>.log``); yields its URL once it
    is ready."""
    script = f"runnerly-{name}"
    if migrate:
        command = [str(BIN / script), "db", "upgrade"]
        subprocess.run(command, env=_with_bin(env), check=True, capture_output=True)  # noqa: S603
    url = f"http://127.0.0.1:{port or free_port()}"
    argv = [script, "serve", "--port", url.rpartition(":")[2]]
    with console_process(argv, env, log_dir / f"{name}.log", ready_url=f"{url}/health/ready"):
        yield url


class DataService:
    """The real data service, served by its own console script (gunicorn) on a free port that
    it keeps, so that a fault test can stop it and start it again at the same address."""

    def __init__(
        self, database_url: str, token_url: str, issuer: TestIssuer, log_dir: Path, env: dict | None = None
    ) -> None:
        self.env = _with_bin({**service_env("DATA", database_url, token_url, issuer), **(env or {})})
        self.log_path = log_dir / "data-service.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def migrate(self) -> None:
        command = [str(BIN / "runnerly-data"), "db", "upgrade"]
        subprocess.run(command, env=self.env, check=True, capture_output=True)  # noqa: S603

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [str(BIN / "runnerly-data"), "serve", "--port", str(self.port), "--workers", "2"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(lambda: answers(f"{self.url}/health/ready"), what="the data service")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None


@contextmanager
def restartable_data_service(
    database_url: str, token_url: str, issuer: TestIssuer, log_dir: Path, env: dict | None = None
) -> Iterator[DataService]:
    """The real data service, migrated and started; the test may stop and start it."""
    service = DataService(database_url, token_url, issuer, log_dir, env)
    service.migrate()
    try:
        service.start()  # one that never gets ready is stopped too
        yield service
    finally:
        service.stop()


@contextmanager
def data_service(
    database_url: str, token_url: str, issuer: TestIssuer, log_dir: Path, env: dict | None = None
) -> Iterator[str]:
    """The real data service: migrated, then served by its own console script (``env``
    overrides its environment, e.g. JSON logs)."""
    with restartable_data_service(database_url, token_url, issuer, log_dir, env) as service:
        yield service.url


def answers(url: str) -> bool:
    """Whether ``url`` answers 200 now."""
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def served(asgi_app) -> Iterator[str]:
    """A Connexion app on a real port (webhooks call it, clients upload to it)."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            asgi_app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    wait_until(lambda: answers(f"{url}/health/live"), timeout=15, what="the app")
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _client_id(headers) -> str:
    """The client named by HTTP Basic auth, as the token dealer would put it in ``sub``."""
    scheme, _, credentials = (headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "basic":
        return "test-client"
    return base64.b64decode(credentials).decode().partition(":")[0] or "test-client"


@contextmanager
def console_process(
    argv: list[str], env: dict, log_path: Path, ready_url: str | None = None
) -> Iterator[Path]:
    """A console script of the suite as a real process, its output in ``log_path``;
    when ``ready_url`` is given, waits until it answers 200."""
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / argv[0]), *argv[1:]],
            env=_with_bin(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            if ready_url:
                wait_until(lambda: answers(ready_url), timeout=45, what=f"{argv[0]} at {ready_url}")
            yield log_path
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def celery_worker(app, concurrency: int = 2, pool: str = "threads"):
    """A Celery worker of ``app`` in this process, for as long as the block runs: a pool of
    threads by default, or ``solo`` (tasks run on the consumer's own thread, as in
    ``make run``)."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        app,
        pool=pool,
        concurrency=concurrency,
        perform_ping_check=False,
        shutdown_timeout=20,
        loglevel="WARNING",
    ) as running:
        yield running


def _with_bin(env: dict) -> dict:
    """The environment of a console script: this one's, the virtualenv first on the PATH."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}


def json_lines(path: Path) -> list[dict]:
    """The JSON log lines of a process (other lines, like a traceback's, are skipped)."""
    lines = []
    for line in path.read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            lines.append(record)
    return lines
