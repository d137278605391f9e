"""The real pieces around the dashboard in its tests, each on a local port: a token
endpoint (both grants) with its JWKS, and the data service in a subprocess.

(The Strava service's integration suite has the same two helpers for its own needs; they
could move to ``runnerly_core.testing`` once both settle.)
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import requests

from runnerly_core.testing import TestIssuer

BIN = Path(sys.executable).parent
USER_GRANT = "urn:runnerly:params:oauth:grant-type:user"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], object], timeout: float = 30, interval: float = 0.1, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


@contextmanager
def token_server(issuer: TestIssuer, client_id: str = "runnerly-dashboard") -> Iterator[str]:
    """The token dealer's endpoints the suite uses: JWKS, client credentials, user grant."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(200, issuer.jwks())

        def do_POST(self) -> None:
            form = {
                k: v[0]
                for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()
            }
            audience, scope = form["audience"], form.get("scope", "")
            if form["grant_type"] == USER_GRANT:
                token = issuer.user_token(int(form["subject"]), audience=audience, scope=scope)
            else:
                token = issuer.service_token(client_id, audience=audience, scope=scope)
            self._answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 300})

        def _answer(self, status: int, body: dict) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def service_process(name: str, env: dict, log_dir: Path, migrate: bool = True) -> Iterator[str]:
    """A Runnerly service served by its own console script on a free port."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}
    script = str(BIN / f"runnerly-{name}")
    if migrate:
        subprocess.run([script, "db", "upgrade"], env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    with (log_dir / f"{name}.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [script, "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until(lambda: answers(f"{url}/health/ready"), what=f"the {name} service")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=15)


def service_env(prefix: str, database_url: str, token_url: str, issuer: TestIssuer) -> dict:
    return {
        f"RUNNERLY_{prefix}_DATABASE_URL": database_url,
        f"RUNNERLY_{prefix}_JWKS_URL": f"{token_url}/.well-known/jwks.json",
        f"RUNNERLY_{prefix}_TOKEN_ISSUER": issuer.issuer,
        f"RUNNERLY_{prefix}_TOKEN_URL": token_url,
        f"RUNNERLY_{prefix}_ENVIRONMENT": "test",
        f"RUNNERLY_{prefix}_LOG_JSON": "false",
        f"RUNNERLY_{prefix}_LOG_LEVEL": "WARNING",
    }


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def background(
    name: str, argv: list[str], env: dict, log_dir: Path, ready: Callable[[], object] | None = None
):
    """A long-running command (a worker, a consumer, the sandbox), stopped at the end."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **env}
    with (log_dir / f"{name}.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / argv[0]), *argv[1:]],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            if ready is not None:
                wait_until(ready, what=name)
            yield process
        finally:
            process.terminate()
            process.wait(timeout=20)
