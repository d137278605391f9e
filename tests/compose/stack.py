"""docker-compose.yml driven as an operator drives it, under a project name of its own."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .engine import run

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Container:
    name: str
    service: str
    status: str  # running, exited, restarting, ...
    exit_code: int
    health: str | None  # healthy, starting, unhealthy; None without a healthcheck
    restarts: int
    one_shot: bool  # restart: "no" (migrations, the clients' bootstrap)
    started_at: str
    finished_at: str
    address: str  # on the compose network: reachable from this machine, published or not

    @classmethod
    def from_inspect(cls, info: dict) -> Container:
        state = info["State"]
        return cls(
            name=info["Name"].lstrip("/"),
            service=info["Config"]["Labels"]["com.docker.compose.service"],
            status=state["Status"],
            exit_code=state["ExitCode"],
            health=(state.get("Health") or {}).get("Status"),
            restarts=info["RestartCount"],
            one_shot=info["HostConfig"]["RestartPolicy"]["Name"] in ("", "no"),
            started_at=state["StartedAt"],
            finished_at=state["FinishedAt"],
            address=next((n["IPAddress"] for n in info["NetworkSettings"]["Networks"].values()), ""),
        )

    @property
    def ready(self) -> bool:
        if self.one_shot:
            return self.status == "exited" and self.exit_code == 0
        return self.status == "running" and self.health in (None, "healthy")

    @property
    def failed(self) -> bool:
        return (self.one_shot and self.status == "exited" and self.exit_code != 0) or self.restarts > 0


@dataclass
class Compose:
    project: str
    env_file: Path
    profiles: tuple[str, ...] = ("sandbox",)
    # What an operator's shell has: no RUNNERLY_* or STRAVA_* of this machine leaks in.
    environment: dict[str, str] = field(
        default_factory=lambda: {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    )

    def __call__(self, *args: str, check: bool = True, timeout: float = 900):
        profiles = [word for profile in self.profiles for word in ("--profile", profile)]
        argv = ["docker-compose", "--project-name", self.project, "--env-file", str(self.env_file), *profiles]
        return run(*argv, *args, check=check, timeout=timeout, cwd=ROOT, env=self.environment)

    def containers(self, service: str | None = None) -> list[Container]:
        labels = [f"label=com.docker.compose.project={self.project}"]
        if service:
            labels.append(f"label=com.docker.compose.service={service}")
        filters = [word for label in labels for word in ("--filter", label)]
        ids = run("docker", "ps", "-aq", *filters).stdout.split()
        if not ids:
            return []
        return [Container.from_inspect(info) for info in json.loads(run("docker", "inspect", *ids).stdout)]

    def wait_until_ready(self, timeout: float = 300) -> list[Container]:
        """Every container healthy (or done, for one-shot jobs); fails at the first that failed."""
        deadline = time.monotonic() + timeout
        while True:
            containers = self.containers()
            failed = [c for c in containers if c.failed]
            if failed:
                raise AssertionError(self.report("failed", failed))
            if containers and all(c.ready for c in containers):
                return containers
            if time.monotonic() > deadline:
                raise AssertionError(self.report("not ready", [c for c in containers if not c.ready]))
            time.sleep(2)

    def report(self, what: str, containers: list[Container]) -> str:
        states = (f"{c.name} ({c.status}, {c.health}, restarts {c.restarts})" for c in containers)
        lines = [f"{what}: {', '.join(states)}"]
        for container in containers:
            logs = run("docker", "logs", "--tail", "30", container.name, check=False)
            lines.append(f"--- {container.name}\n{logs.stdout}{logs.stderr}")
        return "\n".join(lines)

    def url(self, service: str, port: int, index: int = 1) -> str:
        """One replica of a service straight on the compose network, past the gateway: the
        operator's view from the Docker host (services publish no port)."""
        replicas = sorted(self.containers(service), key=lambda c: int(c.name.rpartition("_")[2]))
        return f"http://{replicas[index - 1].address}:{port}"

    def published(self, service: str, port: int) -> str:
        """The host address Docker published a service's port on (the gateway, the sandbox)."""
        published = self("port", service, str(port)).stdout.strip()
        host, _, number = published.rpartition(":")
        return f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{number}"  # noqa: S104 — read, not bound

    def down(self) -> None:
        self("down", "-v", "--remove-orphans", "--timeout", "20")

    def leftovers(self) -> dict[str, list[str]]:
        label = f"label=com.docker.compose.project={self.project}"
        return {
            kind: run("docker", *command, "--filter", label).stdout.split()
            for kind, command in {
                "containers": ("ps", "-aq"),
                "volumes": ("volume", "ls", "-q"),
                "networks": ("network", "ls", "-q"),
            }.items()
        }
