"""Real servers for the gateway's tests: nginx on the rendered configuration, and small
upstream apps that answer what they received."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from contextlib import closing
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import render
import requests

HASHED_ASSET = "/assets/index-3f9a1c2b.js"  # as Vite names a built script
ECHOED_HEADERS = ("X-Forwarded-Prefix", "X-Forwarded-For", "X-Request-ID", "Authorization", "Host")


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sleepers:
    """How many requests an echo app is holding (``?sleep=S``) right now."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def hold(self, seconds: float) -> None:
        with self._lock:
            self.count += 1
        time.sleep(seconds)
        with self._lock:
            self.count -= 1


def echo_app(name: str, sleepers: Sleepers):
    """A WSGI app that answers, as JSON, which upstream it is and what reached it.
    ``?sleep=S`` holds the answer S seconds (to keep a connection busy)."""

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        query = environ.get("QUERY_STRING", "")
        if query.startswith("sleep="):
            sleepers.hold(float(query.removeprefix("sleep=")))
        headers = {h: environ.get("HTTP_" + h.upper().replace("-", "_")) for h in ECHOED_HEADERS}
        answer = {
            "upstream": name,
            "method": environ["REQUEST_METHOD"],
            "path": environ["PATH_INFO"],
            "query": query,
            "headers": headers,
            "body": body.decode("utf-8", "replace"),
            "padding": "x" * 2048,  # large enough for gzip (gzip_min_length)
        }
        start_response("200 OK", [("Content-Type", "application/json"), ("X-Request-ID", "from-upstream")])
        return [json.dumps(answer).encode()]

    return app


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class EchoServer:
    def __init__(self, name: str) -> None:
        self.port = free_port()
        self.sleepers = Sleepers()
        self.server = make_server(
            "127.0.0.1",
            self.port,
            echo_app(name, self.sleepers),
            server_class=_ThreadingServer,
            handler_class=_QuietHandler,
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Gateway:
    """nginx on a free port, with the configuration rendered from ``settings``."""

    def __init__(self, out: Path, **settings: str) -> None:
        self.out = out
        self.port = free_port()
        environ = {f"{render.PREFIX}{name}": value for name, value in settings.items()}
        environ |= {
            f"{render.PREFIX}LISTEN": f"127.0.0.1:{self.port}",
            f"{render.PREFIX}ACCESS_LOG": str(out / "access.log"),
            f"{render.PREFIX}ERROR_LOG": str(out / "error.log"),
            f"{render.PREFIX}WORKER_PROCESSES": "1",
        }
        self.settings = render.settings_from(environ)
        render.render(out, self.settings)
        with open(out / "nginx.stderr", "wb") as stderr:
            self.process = subprocess.Popen(render.nginx_command(out, "-g", "daemon off;"), stderr=stderr)  # noqa: S603
        self._wait_until_listening()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url(path), timeout=10, allow_redirects=False, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def access_log(self) -> list[dict]:
        path = self.out / "access.log"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def waf_denials(self) -> int:
        path = self.out / "error.log"
        return path.read_text().count("ModSecurity: Access denied") if path.exists() else 0

    def logged(self, request_id: str, timeout: float = 5) -> dict:
        """The access log line of one request (nginx writes it just after answering)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = [line for line in self.access_log() if line["request_id"] == request_id]
            if lines:
                return lines[-1]
            time.sleep(0.05)
        raise AssertionError(f"no access log line for {request_id}")

    def _wait_until_listening(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.out / 'nginx.stderr').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def require_nginx() -> None:
    """Skip without nginx + Lua locally; in CI a missing nginx is an error, not a skip."""
    import pytest

    reason = render.unavailable_reason()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must test the gateway: {reason}")
    if reason:
        pytest.skip(reason)
