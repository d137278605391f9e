"""schemathesis against every service's OpenAPI contract, through the gateway, authenticated:
every check, in all four phases (the spec's examples, coverage, fuzzing and the stateful
phase, which chains operations through the links it finds or infers).

The runner is carol, made for this test alone: the fuzzer deletes what it can (her runs,
her plans, her account), and nobody else's data is reachable with her tokens. Path
parameters named ``user_id`` are pinned to her id, so that requests reach the code behind
the authorization check instead of stopping at 403 (``schemathesis_hooks.py`` drops the
negative cases that pin made valid).

The six runs go at once, each bounded in time: they wait on the suite's answers far more
than they compute, so together they take the time of the longest instead of the sum.

One check is left out: ``positive_data_acceptance`` ("schema-valid data is accepted"). Rules
across fields (moving time within elapsed time, a plan's runs before race day) cannot be
said in OpenAPI 3.0, and the WAF refuses some schema-valid strings (SQL- or script-looking
names): through the gateway that check would report refusals the suite means. Each
service's in-process contract test (``tests/test_contract.py``) runs it with generated
bodies that keep those rules.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from .stack import BIN, ROOT

EXAMPLES = os.environ.get("RUNNERLY_ATTACK_EXAMPLES", "5")
MAX_SECONDS = os.environ.get("RUNNERLY_ATTACK_SECONDS", "180")  # per service, all at once
PHASES = "examples,coverage,fuzzing,stateful"
SCOPES = {
    "data": "users:read users:write runs:read runs:write plans:read plans:write races:read",
    "training": "fitness:read load:read plans:read plans:write",
    "strava": "strava:read strava:link",
    "import": "imports:read imports:write",
}
DASHBOARD_DIRECT = "http://127.0.0.1:5000"  # the dashboard itself, as make run serves it
# "Invalid data is rejected": a body over the operation's size limit is refused with 413
# before it is read, whatever else is wrong with it (schemathesis's list lacks 413).
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]


@dataclass
class Run:
    """One schemathesis process, started in the background."""

    process: subprocess.Popen
    output: Path

    def result(self) -> tuple[int, str]:
        code = self.process.wait(timeout=int(MAX_SECONDS) + 600)
        return code, self.output.read_text(errors="replace")


@pytest.fixture(scope="module")
def carol(stack) -> int:
    return stack.new_runner(f"carol-{uuid.uuid4().hex[:8]}@example.org")


@pytest.fixture(scope="module")
def runs(stack, carol, tmp_path_factory) -> dict[str, Run]:
    """Every contract's run, started together once carol and her credentials exist."""
    started = {}
    for service in sorted(SCOPES):
        token = stack.token(f"runnerly-{service}", SCOPES[service], user_id=carol)
        started[service] = _start(
            stack, service, carol, {"Authorization": f"Bearer {token}"}, tmp_path_factory
        )
    started["tokendealer"] = _start(stack, "tokendealer", 0, {}, tmp_path_factory)
    started["dashboard"] = _start(stack, "dashboard", carol, _browser_headers(stack, carol), tmp_path_factory)
    yield started
    for run in started.values():
        if run.process.poll() is None:
            run.process.kill()
            run.process.wait()


def _browser_headers(stack, carol: int) -> dict:
    """As carol's browser: her session cookie and the CSRF header on every request."""
    browser = requests.Session()
    browser.get(f"{stack.gateway}/api/session", timeout=10)
    login = browser.post(
        f"{stack.gateway}/api/login",
        json={"email": stack.emails[carol], "password": stack.demo_password},
        headers={"X-CSRF-Token": browser.cookies["runnerly_csrf"]},
        timeout=10,
    )
    login.raise_for_status()
    cookies = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    return {"Cookie": cookies, "X-CSRF-Token": browser.cookies["runnerly_csrf"]}


def _config(directory: Path, user_id: int, headers: dict) -> str:
    lines = ["[parameters]", f'"path.user_id" = {user_id}', ""]
    lines += ["[checks.negative_data_rejection]", f"expected-statuses = {REJECTIONS!r}", "", "[headers]"]
    lines += [f'"{name}" = "{value}"' for name, value in headers.items()]
    path = directory / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _spec_location(stack, service: str, directory: Path) -> str:
    """The gateway serves each service's openapi.json under its prefix; the dashboard's own
    API shares /api/ with the others, and its spec is read from the dashboard itself."""
    if service != "dashboard":
        return f"{stack.gateway}/api/{service}/openapi.json"
    spec = requests.get(f"{DASHBOARD_DIRECT}/openapi.json", timeout=10)
    spec.raise_for_status()
    path = directory / "dashboard.json"
    path.write_bytes(spec.content)
    return str(path)


def _start(stack, service: str, user_id: int, headers: dict, tmp_path_factory) -> Run:
    directory = tmp_path_factory.mktemp(service)
    base = stack.gateway if service == "dashboard" else f"{stack.gateway}/api/{service}"
    argv = [
        str(BIN / "schemathesis"),
        "--config-file",
        _config(directory, user_id, headers),
        "run",
        _spec_location(stack, service, directory),
        "--url",
        base,
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--phases",
        PHASES,
        "--max-examples",
        EXAMPLES,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--max-time",
        MAX_SECONDS,  # a bound for CI: the data service's 20 operations alone took 9 minutes
        "--suppress-health-check",
        "too_slow",  # the runs' bodies have many constrained fields; slow to draw, not wrong
        "--exclude-path",
        "/metrics",  # hidden by the gateway (404) on purpose: metrics are for the scraper
        "--report",
        "junit",
        "--report-junit-path",
        str(directory / f"{service}.xml"),
    ]
    if service == "tokendealer":
        argv += ["--exclude-path", "/oauth/introspect"]  # hidden by the gateway too: services ask it directly
    if service == "dashboard":
        argv += ["--include-path-regex", "^/api/"]  # the gateway's own /health and the SPA answer the rest
    if os.environ.get("CI"):
        argv.append("--generation-deterministic")  # the same cases on every CI run
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.attacks.schemathesis_hooks", "PYTHONPATH": str(ROOT)}
    output = directory / "output.txt"
    with output.open("w") as sink:
        process = subprocess.Popen(  # noqa: S603 — fixed argv
            argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    return Run(process, output)


def _assert_clean(run: Run) -> None:
    code, output = run.result()
    assert code == 0, output[-12000:]


@pytest.mark.parametrize("service", sorted(SCOPES))
def test_a_services_contract_holds_through_the_gateway(runs, service):
    _assert_clean(runs[service])


def test_the_token_dealers_contract_holds_through_the_gateway(runs):
    _assert_clean(runs["tokendealer"])


def test_the_dashboards_contract_holds_through_the_gateway(runs):
    _assert_clean(runs["dashboard"])
