"""The whole suite behind the real gateway, as ``make run`` starts it, for attacks and load.

``scripts/run_suite.py`` binds ``make run``'s fixed ports (5000-5005, 5090, 8080). ``make
test-attacks`` therefore runs the tests in a network namespace of their own (``unshare
--net``, as root, with only a loopback interface: :data:`PRIVATE_NETWORK` is set), where those
ports are free whatever runs on the machine; the suite then uses ``make run``'s local broker
transport, as it does wherever no RabbitMQ answers. Elsewhere the suite is started under
``flock /tmp/runnerly-make-run.lock``, the lock every wrapped ``make run`` holds: the run
waits for a developer's suite to stop rather than collide with it. Its state (SQLite files,
keys, client secrets) lives in a directory of its own (``RUNNERLY_RUN_DIR``), not in the
developer's ``.run/``. The gateway's rate limits are raised for the run: the attacks and the
load test are one client address sending hundreds of requests a second, which the
production limits would answer 429.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
LOCK = "/tmp/runnerly-make-run.lock"  # noqa: S108 — the lock every make run on this machine shares
GATEWAY = "http://127.0.0.1:8080"
PRIVATE_NETWORK = "RUNNERLY_PRIVATE_NETWORK"  # set inside `unshare --net` (Makefile)
READY_LINE = "Runnerly is running."
# One client address, many requests: the limits the attacks and the load test run under.
RELAXED_LIMITS = {
    "RUNNERLY_GATEWAY_RATE_ADDRESS": "2000r/s",
    "RUNNERLY_GATEWAY_BURST_ADDRESS": "4000",
    "RUNNERLY_GATEWAY_RATE_SUBJECT": "2000r/s",
    "RUNNERLY_GATEWAY_BURST_SUBJECT": "4000",
    "RUNNERLY_GATEWAY_RATE_AUTH": "6000r/m",
    "RUNNERLY_GATEWAY_BURST_AUTH": "500",
    "RUNNERLY_GATEWAY_CONNECTIONS_ADDRESS": "512",
    "RUNNERLY_GATEWAY_CONNECTIONS_SUBJECT": "512",
}


# Names a suite already running (``python -m tests.attacks.stack``) that the tests use as is.
RUNNING = "RUNNERLY_ATTACKS_RUN_DIR"


@dataclass(frozen=True)
class Stack:
    """The running suite: the gateway's address, and the secrets run_suite made."""

    run_dir: Path
    emails: dict[int, str] = field(default_factory=dict)  # of the runners made by new_runner

    @property
    def gateway(self) -> str:
        return GATEWAY

    def secret(self, client: str) -> str:
        return (self.run_dir / "clients" / f"{client}.secret").read_text().strip()

    @property
    def demo_password(self) -> str:
        return (self.run_dir / "demo-password").read_text().strip()

    @property
    def sandbox_admin_token(self) -> str:
        return (self.run_dir / "sandbox-admin.secret").read_text().strip()

    def new_runner(self, email: str) -> int:
        """A runner made through the gateway, with a dashboard account (the demo password)."""
        token = self.token("runnerly-data", "users:write", client="runnerly-dashboard")
        answer = requests.post(
            f"{GATEWAY}/api/data/users",
            json={"email": email, "timezone": "Europe/London"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        answer.raise_for_status()
        user_id = answer.json()["id"]
        self.emails[user_id] = email
        env = {
            **os.environ,
            "RUNNERLY_DASHBOARD_DATABASE_URL": f"sqlite:///{self.run_dir}/dashboard.sqlite",
            "RUNNERLY_DASHBOARD_LOG_JSON": "false",
        }
        argv = ["demo-account", email, str(user_id), "--password-file", str(self.run_dir / "demo-password")]
        subprocess.run([str(BIN / "runnerly-dashboard"), *argv], env=env, check=True, capture_output=True)  # noqa: S603
        return user_id

    def token(self, audience: str, scope: str, *, user_id: int | None = None, client: str = "") -> str:
        """A token from the token dealer, asked through the gateway: a service token of
        ``client`` (the developer client by default), or a user token through the dashboard."""
        name = client or ("runnerly-dashboard" if user_id is not None else "developer")
        form = {"grant_type": "client_credentials", "audience": audience, "scope": scope}
        if user_id is not None:
            form.update(grant_type="urn:runnerly:params:oauth:grant-type:user", subject=str(user_id))
        answer = requests.post(
            f"{GATEWAY}/api/tokendealer/oauth/token", auth=(name, self.secret(name)), data=form, timeout=10
        )
        answer.raise_for_status()
        return answer.json()["access_token"]


@contextmanager
def running_stack(run_dir: Path, timeout: float = 900) -> Iterator[Stack]:
    """``make run``'s suite with its own state in ``run_dir``, ready, until the block ends."""
    (run_dir / "gateway").mkdir(parents=True, exist_ok=True)
    log = run_dir / "make-run.log"
    env = {**os.environ, **RELAXED_LIMITS, "RUNNERLY_RUN_DIR": str(run_dir)}
    argv = [str(BIN / "python"), str(ROOT / "scripts" / "run_suite.py")]
    if not os.environ.get(PRIVATE_NETWORK):
        argv = ["flock", LOCK, *argv]
    with log.open("w") as output:
        suite = subprocess.Popen(  # noqa: S603 — fixed argv
            argv, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_for_ready_line(suite, log, timeout)
        yield Stack(run_dir)
    finally:
        os.killpg(suite.pid, signal.SIGTERM)
        suite.wait(timeout=60)


def _wait_for_ready_line(suite: subprocess.Popen, log: Path, timeout: float) -> None:
    """Ready once run_suite has printed its banner (its last step); waiting on the lock for
    another make run counts in the timeout."""
    deadline = time.monotonic() + timeout
    while READY_LINE not in log.read_text():
        if suite.poll() is not None:
            raise RuntimeError(f"run_suite exited with {suite.returncode}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the suite was not ready in {timeout:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(1)


def main() -> None:
    """Start the suite and keep it until interrupted, for running the attacks or the load
    test again and again while fixing what they found."""
    run_dir = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / ".run-attacks"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the suite in `finally`
    with running_stack(run_dir):
        print(f"ready: {RUNNING}={run_dir}", flush=True)
        with suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
