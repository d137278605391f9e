"""Everything through the gateway, the one published port: every service's health, the
dashboard's first page, a runner's account from sign-up to their runs (issue 9's curl
session), and a GPX file uploaded to the import service that becomes a run."""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests

PASSWORD = "tempo-run-along-the-canal-42"
SERVICES = ("tokendealer", "data", "strava", "training", "import")


class Browser:
    """A browser's cookies and CSRF header, by hand: the session cookie is Secure (as in
    production) and this talks plain HTTP to the gateway, where requests would drop it."""

    def __init__(self, gateway: str) -> None:
        self.gateway, self.cookies = gateway, {}

    def call(self, method: str, path: str, **options) -> requests.Response:
        csrf = (self.cookies.get("runnerly_csrf") or self._csrf()) if method != "GET" else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)}
        if csrf:
            headers["X-CSRF-Token"] = csrf
        answer = requests.request(method, f"{self.gateway}{path}", headers=headers, timeout=20, **options)
        self.cookies.update(answer.cookies.get_dict())
        return answer

    def _csrf(self) -> str:
        self.call("GET", "/api/session")
        return self.cookies["runnerly_csrf"]


def mail_to(suite, address: str, timeout: float = 60) -> list[dict]:
    """The sink's messages to one address, read as docs/operations.md says (compose exec)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        argv = ["exec", "-T", "mail-sink", "runnerly-dashboard", "mail", "list", "--json", "--to", address]
        found = json.loads(suite.compose(*argv).stdout)
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"no mail to {address} reached the sink")


def token_in(message: dict, path: str) -> str:
    for link in message["links"]:
        match = re.search(rf"{re.escape(path)}\?token=([^&\s]+)", link)
        if match:
            return match.group(1)
    raise AssertionError(f"no link to {path} in {message['links']}")


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_answers_its_health_through_the_gateway(suite, ready, service):
    answer = requests.get(f"{suite.gateway}/api/{service}/health/ready", timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["X-Request-ID"]


def test_internal_operations_stay_behind_the_gateway(suite, ready):
    assert requests.get(f"{suite.gateway}/api/data/metrics", timeout=10).status_code == 404
    assert requests.get(f"{suite.gateway}/sandbox/_sandbox/athletes", timeout=10).status_code == 404


def test_the_dashboards_first_page_and_its_hashed_script_load(suite, ready):
    page = requests.get(f"{suite.gateway}/", timeout=10)
    assert page.status_code == 200
    assert "text/html" in page.headers["Content-Type"]
    script = re.search(r'src="(/assets/[^"]+\.js)"', page.text).group(1)
    asset = requests.get(f"{suite.gateway}{script}", timeout=10)
    assert asset.status_code == 200
    assert "javascript" in asset.headers["Content-Type"]
    assert "immutable" in asset.headers["Cache-Control"]
    deep_link = requests.get(f"{suite.gateway}/runs/42", timeout=10)  # the app's own route
    assert deep_link.status_code == 200
    assert script in deep_link.text


@pytest.fixture(scope="module")
def runner(suite, ready) -> tuple[Browser, int]:
    """Issue 9's session: sign up, confirm by the mailed link, log out, log in."""
    email = f"runner-{uuid.uuid4().hex[:8]}@example.com"
    browser = Browser(suite.gateway)
    signup = {"email": email, "password": PASSWORD, "first_name": "Grete", "timezone": "Europe/Oslo"}
    answer = browser.call("POST", "/api/signup", json=signup)
    assert answer.status_code == 202, answer.text
    token = token_in(mail_to(suite, email)[0], "/confirm")
    confirmed = browser.call("POST", "/api/signup/confirm", json={"token": token})
    assert confirmed.status_code == 200, confirmed.text
    assert browser.call("POST", "/api/logout").status_code in (200, 204)
    assert browser.call("GET", "/api/runs").status_code == 401
    logged_in = browser.call("POST", "/api/login", json={"email": email, "password": PASSWORD})
    assert logged_in.status_code == 200, logged_in.text
    return browser, logged_in.json()["account"]["user_id"]


def test_a_new_runner_signs_up_confirms_by_mail_logs_in_and_lists_no_runs(runner):
    browser, _ = runner
    runs = browser.call("GET", "/api/runs")
    assert runs.status_code == 200, runs.text
    assert runs.json()["items"] == []


def gpx(start: datetime, kilometres: float = 5.0, pace_s_per_km: int = 300) -> bytes:
    """A straight run north from Oslo's Frogner park, one point every 5 seconds."""
    step_m = 1000 / pace_s_per_km * 5
    points = []
    for index in range(int(kilometres * 1000 / step_m) + 1):
        latitude = 59.927 + index * step_m / 111_320
        when = (start + timedelta(seconds=5 * index)).strftime("%Y-%m-%dT%H:%M:%SZ")
        elevation = 20 + 5 * math.sin(index / 20)
        point = f'<trkpt lat="{latitude:.6f}" lon="10.700000">'
        points.append(f"{point}<ele>{elevation:.1f}</ele><time>{when}</time></trkpt>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runnerly-tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Frogner 5k</name><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def test_a_gpx_upload_through_the_gateway_becomes_a_run_the_runner_sees(suite, runner):
    browser, user_id = runner
    headers = suite.token(suite.dashboard, "runnerly-import", "imports:read imports:write", subject=user_id)
    imports = f"{suite.gateway}/api/import/users/{user_id}/imports"
    start = datetime(2026, 11, 14, 8, 0, tzinfo=UTC)
    files = {"file": ("frogner.gpx", gpx(start), "application/gpx+xml")}
    answer = requests.post(imports, files=files, headers=headers, timeout=30)
    assert answer.status_code == 202, answer.text
    job_url = f"{imports}/{answer.json()['jobs'][0]['id']}"
    deadline = time.monotonic() + 120
    job = requests.get(job_url, headers=headers, timeout=10).json()
    while job["status"] in ("queued", "parsing"):
        assert time.monotonic() < deadline, job
        time.sleep(1)
        job = requests.get(job_url, headers=headers, timeout=10).json()
    assert (job["status"], job["outcome"]) == ("done", "created"), job
    runs = browser.call("GET", "/api/runs").json()["items"]
    assert [run["id"] for run in runs] == [job["run_id"]]
    assert 4900 < runs[0]["distance_m"] < 5100
