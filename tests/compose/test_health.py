"""Every long-running container is checked, and a check says something real: a consumer
whose loop stops (frozen with SIGSTOP: its process exists, it consumes nothing) turns
unhealthy, and healthy again once its loop turns.

Docker does not run the checks of a paused container, so the consumer's process is
stopped instead, from the host (`docker kill --signal STOP`; inside its own namespace the
main process, PID 1, would ignore it): the container runs on and its checks run in it. The
consumer is frozen early in the session and its health is read late (the ``late`` marker:
conftest orders it after the other tests): the minute and a half its check allows passes
while the other tests run, not in a wait of its own.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .engine import run

# A users.deleted consumer that no other test of the session needs.
FROZEN = "training-forget"
HEARTBEAT = ["runnerly-health", "heartbeat", "/tmp/heartbeat"]  # noqa: S108 — the container's file
# Its check: 60 s stale, then 3 failures 10 s apart (docker-compose.yml, x-heartbeat-check).
UNHEALTHY_WITHIN_S = 60 + 3 * 10 + 60  # and a minute for a busy machine


def test_every_long_running_container_has_a_healthcheck_and_is_healthy(ready):
    long_running = [c for c in ready if not c.one_shot]
    assert len(long_running) >= 20
    assert [c.name for c in long_running if c.health is None] == [], "no healthcheck"
    assert [c.name for c in long_running if c.health != "healthy"] == []


def health(name: str) -> tuple[str, str]:
    """A container's health status and the output of its last check."""
    found = json.loads(run("docker", "inspect", "--format", "{{json .State.Health}}", name).stdout)
    last = found["Log"][-1]["Output"] if found.get("Log") else ""
    return found["Status"], last.strip()


def wait_for_health(name: str, status: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        current, said = health(name)
        if current == status:
            return said
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} still {current} after {timeout:.0f} s (last check: {said})")
        time.sleep(2)


def process_state(name: str) -> str:
    """The state of a container's main process, read on the host (``T (stopped)``, ...)."""
    pid = run("docker", "inspect", "--format", "{{.State.Pid}}", name).stdout.strip()
    status = Path(f"/proc/{pid}/status").read_text()
    return re.search(r"^State:\s+(.+)$", status, re.MULTILINE).group(1)


@pytest.fixture(scope="session")
def frozen(suite, ready):
    """The consumer's process stopped (SIGSTOP), once its heartbeat was seen fresh."""
    (container,) = suite.compose.containers(FROZEN)
    fresh = run("docker", "exec", container.name, *HEARTBEAT, "--max-age", "15", check=False)
    assert fresh.returncode == 0, f"{FROZEN}'s heartbeat is not fresh: {fresh.stdout}{fresh.stderr}"
    run("docker", "kill", "--signal", "STOP", container.name)
    yield container.name, time.monotonic()
    run("docker", "kill", "--signal", "CONT", container.name, check=False)  # the stack may be down


def test_a_consumer_frozen_by_sigstop_runs_on_as_far_as_docker_can_tell(frozen):
    """Its process exists, consumes nothing, and Docker goes on checking it (a paused
    container would be checked no more)."""
    name, _ = frozen
    assert process_state(name).startswith("T")
    assert run("docker", "inspect", "--format", "{{.State.Status}}", name).stdout.strip() == "running"
    assert health(name)[0] == "healthy"  # for now: its check allows a minute without a beat


@pytest.mark.late
def test_a_frozen_consumer_turns_unhealthy_and_healthy_again_once_it_runs(suite, frozen):
    name, since = frozen
    said = wait_for_health(name, "unhealthy", max(10, UNHEALTHY_WITHIN_S - (time.monotonic() - since)))
    assert "the loop has not turned for over 60 s" in said
    run("docker", "kill", "--signal", "CONT", name)
    wait_for_health(name, "healthy", 60)
    (container,) = suite.compose.containers(FROZEN)
    assert container.restarts == 0
