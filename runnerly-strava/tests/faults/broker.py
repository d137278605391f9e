"""A RabbitMQ node of the fault tests' own, so that one can stop the broker for real while
other suites keep using the machine's shared one.

Debian's ``rabbitmq-server`` starts a node whose name, ports and directories all come from
the environment: its own node name (epmd keeps several nodes apart), its own AMQP and
distribution ports, and a temporary directory for its database, logs and Erlang cookie.
The database stays across a stop, so durable queues and persistent messages come back.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import uuid
from pathlib import Path

from integration.suite import free_port, wait_until

# The wrapper in /usr/sbin switches to the rabbitmq user, who cannot read a test's directory.
_SERVER = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")


def server_command() -> str | None:
    return str(_SERVER) if _SERVER.exists() else shutil.which("rabbitmq-server")


class PrivateBroker:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.node = f"faults-{uuid.uuid4().hex[:8]}@localhost"
        self.url = f"amqp://guest:guest@127.0.0.1:{self.port}//"
        self.process: subprocess.Popen | None = None
        (directory / "enabled_plugins").write_text("[].\n")

    def environment(self) -> dict[str, str]:
        base = self.directory
        return {
            **os.environ,
            "HOME": str(base),  # the Erlang cookie lives here
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(base / "no-config"),
        }

    def start(self) -> None:
        with (self.directory / "server.log").open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 — a fixed program, our own arguments
                [server_command()],
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(self._accepts, timeout=60, interval=0.3, what=f"RabbitMQ node {self.node}")

    def stop(self) -> None:
        """Stop the node the way an operator's restart does (SIGTERM: an orderly stop)."""
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
        self.process = None
        wait_until(lambda: not self._accepts(), timeout=10, what="the broker to refuse connections")

    def _accepts(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False
