"""``serve --single-process`` (make run) serves the app from one uvicorn process."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from runnerly_core.cli import gunicorn_argv, uvicorn_argv

BIN = Path(sys.executable).parent


def test_single_process_runs_the_factory_under_uvicorn_without_a_master():
    argv = uvicorn_argv("runnerly_data.app:create_app()", "127.0.0.1", 5002)
    assert argv[:3] == [sys.executable, "-m", "runnerly_core.serving"]  # uvicorn, lighter imports
    assert argv[3:5] == ["--factory", "runnerly_data.app:create_app"]
    assert "gunicorn" not in " ".join(argv)


def test_the_default_keeps_gunicorn_with_the_workers_asked_for():
    argv = gunicorn_argv("runnerly_data.app:create_app()", "127.0.0.1", 5002, 3)
    assert argv[argv.index("-w") + 1] == "3"
    assert argv[-1] == "runnerly_data.app:create_app()"


def test_a_single_process_service_answers_from_the_process_it_started(tmp_path):
    """A real service (the token dealer) started as make run starts it: one process, ready."""
    port = _free_port()
    env = {
        **os.environ,
        "RUNNERLY_TOKENDEALER_DATA_DIR": str(tmp_path),
        "RUNNERLY_TOKENDEALER_DATABASE_URL": f"sqlite:///{tmp_path}/tokendealer.sqlite",
    }
    subprocess.run([BIN / "runnerly-tokendealer", "db", "upgrade"], env=env, check=True, capture_output=True)  # noqa: S603 — our own script
    argv = [BIN / "runnerly-tokendealer", "serve", "--port", str(port), "--single-process"]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 — our own script
    try:
        assert _live(f"http://127.0.0.1:{port}/health/live", process)
        assert not _children(process.pid)  # no worker forked: this process serves
        assert "runnerly_core.serving" in Path(f"/proc/{process.pid}/cmdline").read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)


def _live(url: str, process: subprocess.Popen, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return requests.get(url, timeout=5).status_code == 200
        except requests.RequestException:
            time.sleep(0.2)  # not listening yet
    return False


def _children(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_services_in_one_together_process_serve_each_on_its_port_and_reach_each_other(tmp_path):
    """make run's web process: the token dealer and the data service as threads of one
    process. The data service checks a token against the token dealer's JWKS, fetched over
    HTTP from the same process while its own handler waits: each on its own event loop."""
    dealer, data = _free_port(), _free_port()
    issuer = f"http://127.0.0.1:{dealer}"
    env = {
        **os.environ,
        "RUNNERLY_TOKENDEALER_DATA_DIR": str(tmp_path),
        "RUNNERLY_TOKENDEALER_DATABASE_URL": f"sqlite:///{tmp_path}/tokendealer.sqlite",
        "RUNNERLY_TOKENDEALER_TOKEN_ISSUER": issuer,
        "RUNNERLY_DATA_DATABASE_URL": f"sqlite:///{tmp_path}/data.sqlite",
        "RUNNERLY_DATA_TOKEN_ISSUER": issuer,
        "RUNNERLY_DATA_JWKS_URL": f"{issuer}/.well-known/jwks.json",
        "RUNNERLY_DATA_BROKER_URL": "",
    }
    for script in ("runnerly-tokendealer", "runnerly-data"):
        subprocess.run([BIN / script, "db", "upgrade"], env=env, check=True, capture_output=True)  # noqa: S603 — our own script
    secret = tmp_path / "client.secret"
    add = [BIN / "runnerly-tokendealer", "client", "add", "reader", "--scope", "users:read"]
    add += ["--secret-file", secret]
    subprocess.run(add, env=env, check=True, capture_output=True)  # noqa: S603 — our own script
    lines = [f"runnerly-tokendealer serve --port {dealer}", f"runnerly-data serve --port {data}"]
    argv = [sys.executable, "-m", "runnerly_core.together", *lines]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 — our own module
    try:
        assert _live(f"http://127.0.0.1:{dealer}/health/ready", process)
        assert _live(f"http://127.0.0.1:{data}/health/ready", process)
        assert not _children(process.pid)  # both served by this one process
        form = {"grant_type": "client_credentials", "audience": "runnerly-data", "scope": "users:read"}
        token = requests.post(
            f"{issuer}/oauth/token", data=form, auth=("reader", secret.read_text().strip()), timeout=10
        ).json()["access_token"]
        users = requests.get(
            f"http://127.0.0.1:{data}/users", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert users.status_code == 200, users.text
        process.terminate()  # SIGTERM: both servers finish and the process exits cleanly
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
