"""schemathesis against every service's OpenAPI contract, through the gateway, authenticated:
every check, in all four phases (the spec's examples, coverage, fuzzing and the stateful
phase, which chains operations through the links it finds or infers).

The runner is carol, made for this test alone: the fuzzer deletes what it can (her runs,
her plans, her account), and nobody else's data is reachable with her tokens. Path
parameters named ``user_id`` are pinned to her id, so that requests reach the code behind
the authorization check instead of stopping at 403.

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

import pytest
import requests

from .stack import BIN

EXAMPLES = os.environ.get("RUNNERLY_ATTACK_EXAMPLES", "10")
MAX_SECONDS = os.environ.get("RUNNERLY_ATTACK_SECONDS", "120")  # per service
# What the first run through the gateway found and is not fixed yet (docs/security-testing.md).
# Strict: the day a service's run comes out clean, the mark must go.
OPEN = pytest.mark.xfail(
    strict=True,
    reason="open: nginx answers TRACE with 405 but no Allow header (ST204, every service); "
    "the WAF's 403 is not in the specs (ST103); pinning user_id turns negative path cases "
    "into false 'accepted' reports (ST201)",
)
PHASES = "examples,coverage,fuzzing,stateful"
SCOPES = {
    "data": "users:read users:write runs:read runs:write plans:read plans:write races:read",
    "training": "fitness:read load:read plans:read plans:write",
    "strava": "strava:read strava:link",
    "import": "imports:read imports:write",
}


@pytest.fixture(scope="module")
def carol(stack) -> int:
    return stack.new_runner(f"carol-{uuid.uuid4().hex[:8]}@example.org")


@pytest.fixture(scope="module")
def carols_email(stack, carol) -> str:
    return stack.emails[carol]


def _config(tmp_path, user_id: int, headers: dict) -> str:
    lines = ["[parameters]", f'"path.user_id" = {user_id}', "", "[headers]"]
    lines += [f'"{name}" = "{value}"' for name, value in headers.items()]
    path = tmp_path / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _schemathesis(stack, service: str, config: str, tmp_path) -> subprocess.CompletedProcess:
    base = f"{stack.gateway}/api/{service}" if service else stack.gateway  # the dashboard: /api/...
    argv = [
        str(BIN / "schemathesis"),
        "--config-file",
        config,
        "run",
        f"{base}/openapi.json",
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
        "2",
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
        str(tmp_path / f"{service or 'dashboard'}.xml"),
    ]
    if os.environ.get("CI"):
        argv.append("--generation-deterministic")  # the same cases on every CI run
    return subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603


@OPEN
@pytest.mark.parametrize("service", sorted(SCOPES))
def test_a_services_contract_holds_through_the_gateway(stack, carol, service, tmp_path):
    audience = f"runnerly-{service}"
    token = stack.token(audience, SCOPES[service], user_id=carol)
    config = _config(tmp_path, carol, {"Authorization": f"Bearer {token}"})
    result = _schemathesis(stack, service, config, tmp_path)
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]


@OPEN
def test_the_token_dealers_contract_holds_through_the_gateway(stack, tmp_path):
    config = _config(tmp_path, 0, {})
    result = _schemathesis(stack, "tokendealer", config, tmp_path)
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]


@OPEN
def test_the_dashboards_contract_holds_through_the_gateway(stack, carol, carols_email, tmp_path):
    """As carol's browser: her session cookie and the CSRF header on every request."""
    browser = requests.Session()
    browser.get(f"{stack.gateway}/api/session", timeout=10)
    email = carols_email
    login = browser.post(
        f"{stack.gateway}/api/login",
        json={"email": email, "password": stack.demo_password},
        headers={"X-CSRF-Token": browser.cookies["runnerly_csrf"]},
        timeout=10,
    )
    login.raise_for_status()
    cookies = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    headers = {"Cookie": cookies, "X-CSRF-Token": browser.cookies["runnerly_csrf"]}
    result = _schemathesis(stack, "", _config(tmp_path, carol, headers), tmp_path)
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]
