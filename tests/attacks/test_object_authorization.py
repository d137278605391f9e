"""API1:2023 Broken Object Level Authorization: bob, a signed-in runner with valid tokens,
reaches for alice's objects in every service and in the dashboard, by her user id and by
the ids of her objects under his own. Each attempt is refused, and her objects are unchanged.
"""

from __future__ import annotations

import pytest
import requests

REFUSED = {403, 404}
GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="attacks" xmlns="http://www.topografix.com/GPX/1/1">
<trk><type>running</type><trkseg>
<trkpt lat="48.8566" lon="2.3522"><time>2026-03-01T07:30:00Z</time></trkpt>
<trkpt lat="48.8666" lon="2.3522"><time>2026-03-01T07:36:00Z</time></trkpt>
<trkpt lat="48.8766" lon="2.3522"><time>2026-03-01T07:42:00Z</time></trkpt>
</trkseg></trk></gpx>
"""


@pytest.fixture(scope="module")
def alices_run(alice) -> dict:
    answer = alice.api("GET", "data", f"/users/{alice.id}/runs", params={"per_page": 1})
    answer.raise_for_status()
    return answer.json()["items"][0]


@pytest.fixture(scope="module")
def alices_plan(alice) -> dict:
    answer = alice.api("GET", "data", f"/users/{alice.id}/plans")
    answer.raise_for_status()
    return answer.json()["items"][0]


@pytest.fixture(scope="module")
def alices_import(alice) -> dict:
    files = {"file": ("morning.gpx", GPX, "application/gpx+xml")}
    answer = alice.api("POST", "import", f"/users/{alice.id}/imports", files=files)
    assert answer.status_code in (201, 202), answer.text
    body = answer.json()
    return body["jobs"][0] if "jobs" in body else body["items"][0]


@pytest.mark.parametrize(
    ("service", "path"),
    [
        ("data", "/users/{alice}"),
        ("data", "/users/{alice}/runs"),
        ("data", "/users/{alice}/stats/weekly"),
        ("data", "/users/{alice}/records"),
        ("data", "/users/{alice}/plans"),
        ("training", "/users/{alice}/fitness"),
        ("training", "/users/{alice}/load"),
        ("training", "/users/{alice}/zones"),
        ("strava", "/users/{alice}/strava"),
        ("import", "/users/{alice}/imports"),
    ],
)
def test_bob_cannot_read_alices_collections_by_her_user_id(alice, bob, service, path):
    answer = bob.api("GET", service, path.format(alice=alice.id))
    assert answer.status_code in REFUSED, answer.text
    assert answer.headers["Content-Type"].startswith("application/problem+json")


def test_bob_cannot_read_change_or_delete_alices_run_by_its_id(alice, bob, alices_run):
    run_id = alices_run["id"]
    for owner in (alice.id, bob.id):
        path = f"/users/{owner}/runs/{run_id}"
        assert bob.api("GET", "data", path).status_code in REFUSED
        assert bob.api("PATCH", "data", path, json={"name": "owned"}).status_code in REFUSED
        assert bob.api("DELETE", "data", path).status_code in REFUSED
    kept = alice.api("GET", "data", f"/users/{alice.id}/runs/{run_id}")
    assert kept.status_code == 200
    assert kept.json()["name"] == alices_run["name"]


def test_bob_cannot_write_a_run_into_alices_history(alice, bob):
    run = {"start_time": "2026-11-20T07:30:00Z", "distance_m": 1000, "moving_time_s": 300, "name": "planted"}
    assert bob.api("POST", "data", f"/users/{alice.id}/runs", json=run).status_code in REFUSED
    bulk = {"runs": [{**run, "source": "upload", "source_id": "planted-1"}]}
    assert bob.api("POST", "data", f"/users/{alice.id}/runs/bulk", json=bulk).status_code in REFUSED
    names = [r["name"] for r in alice.api("GET", "data", f"/users/{alice.id}/runs").json()["items"]]
    assert "planted" not in names


def test_bob_cannot_read_or_delete_alices_plan_by_its_id(alice, bob, alices_plan):
    for owner in (alice.id, bob.id):
        path = f"/users/{owner}/plans/{alices_plan['id']}"
        assert bob.api("GET", "data", path).status_code in REFUSED
        assert bob.api("DELETE", "data", path).status_code in REFUSED
        assert bob.api("GET", "training", path).status_code in REFUSED
    assert alice.api("GET", "data", f"/users/{alice.id}/plans/{alices_plan['id']}").status_code == 200


def test_bob_cannot_read_alices_import_job_by_its_id(alice, bob, alices_import):
    for owner in (alice.id, bob.id):
        answer = bob.api("GET", "import", f"/users/{owner}/imports/{alices_import['id']}")
        assert answer.status_code in REFUSED, answer.text
    assert alice.api("GET", "import", f"/users/{alice.id}/imports/{alices_import['id']}").status_code == 200


def test_bob_cannot_start_a_strava_link_for_alice(alice, bob):
    assert bob.api("POST", "strava", f"/users/{alice.id}/strava/link").status_code in REFUSED
    assert bob.api("DELETE", "strava", f"/users/{alice.id}/strava").status_code in REFUSED


def test_bobs_dashboard_session_cannot_reach_alices_run_or_plan(alice, bob, alices_run, alices_plan):
    run = f"/api/runs/{alices_run['id']}"
    assert bob.dashboard("GET", run).status_code in REFUSED
    assert bob.dashboard("PATCH", run, json={"name": "owned"}).status_code in REFUSED
    assert bob.dashboard("DELETE", run).status_code in REFUSED
    plan = f"/api/plans/{alices_plan['id']}"
    assert bob.dashboard("GET", plan).status_code in REFUSED
    assert bob.dashboard("DELETE", plan).status_code in REFUSED
    # Alice still sees both, unchanged.
    assert alice.dashboard("GET", run).json()["name"] == alices_run["name"]
    assert alice.dashboard("GET", plan).status_code == 200


def test_the_dashboard_lists_only_the_signed_in_runners_runs(alice, bob, alices_run):
    listed = bob.dashboard("GET", "/api/runs", params={"per_page": 200})
    assert listed.status_code == 200
    assert alices_run["id"] not in {run["id"] for run in listed.json()["items"]}


def test_a_service_token_without_the_scope_cannot_reach_a_runner(stack, alice):
    """API5:2023 Broken Function Level Authorization: a client's scopes bound what it does."""
    token = stack.token("runnerly-data", "races:read")
    answer = alice.api("GET", "data", f"/users/{alice.id}/runs")  # her own token: fine
    assert answer.status_code == 200
    refused = requests.get(
        f"{stack.gateway}/api/data/users/{alice.id}/runs",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert refused.status_code == 403
