"""The Docker engine for `make test-compose`: Debian's docker.io, started here when none answers.

Installs docker.io, docker-compose (v1) and debootstrap with apt-get when they are missing
(this runs as root on CI machines), starts dockerd when no engine answers, and stops only
the dockerd it started.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

PACKAGES = {"dockerd": "docker.io", "docker-compose": "docker-compose", "debootstrap": "debootstrap"}
STATE = Path("/tmp/runnerly-compose-engine")  # noqa: S108 — root's CI machine; the log is for people


def run(*argv: str, check: bool = True, **options) -> subprocess.CompletedProcess:
    """Run a command; a failure raises with the command's own words, not a bare exit status."""
    result = subprocess.run(argv, text=True, capture_output=True, **options)  # noqa: S603
    if check and result.returncode:
        said = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        raise RuntimeError(f"{' '.join(argv[:6])} ... exited {result.returncode}:\n{said}")
    return result


def install_missing_tools() -> None:
    missing = [package for tool, package in PACKAGES.items() if not shutil.which(tool)]
    if not missing:
        return
    run("apt-get", "update", "-q")
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    # Another apt-get may hold the lock for a while (a developer's, another make target's).
    run("apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q", *missing, env=env)


def answers() -> bool:
    return run("docker", "info", "--format", "{{.ServerVersion}}", check=False).returncode == 0


class Engine:
    """A Docker engine that answers; ``stop`` ends dockerd only if this object started it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Engine:
        install_missing_tools()
        if answers():
            return self
        STATE.mkdir(exist_ok=True)
        log = (STATE / "dockerd.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("dockerd") or "dockerd", "--storage-driver", "overlay2"],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dockerd did not start; see {STATE / 'dockerd.log'}")
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
