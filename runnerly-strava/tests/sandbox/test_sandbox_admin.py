"""The /_sandbox/ control API: activities, faults, clock, counters, reset."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import requests

from runnerly_strava.sandbox.testing import serve_sandbox


def test_athletes_are_listed_with_their_counts(strava):
    athletes = strava.admin("GET", "/athletes").json()
    assert [a["id"] for a in athletes] == [1, 2, 3, 4]
    assert [a["stats"]["activities"] for a in athletes] == [120, 30, 20, 10]
    assert athletes[0]["stats"]["runs"] == 108


def test_created_activities_appear_first_in_the_athletes_list(strava, api):
    fields = {"athlete_id": 1, "name": "Tempo Tuesday", "distance": 8000.0, "moving_time": 2400}
    created = strava.admin("POST", "/activities", json=fields).json()
    newest = api.page(per_page=1)[0]
    assert newest["id"] == created["id"]
    assert (newest["name"], newest["distance"], newest["moving_time"]) == ("Tempo Tuesday", 8000.0, 2400)
    assert newest["average_speed"] == pytest.approx(8000 / 2400, abs=0.001)


def test_edits_change_what_the_api_serves(strava, api):
    activity = api.page(per_page=1)[0]
    strava.admin("PATCH", f"/activities/{activity['id']}", json={"distance": 12000.0, "elapsed_time": 99999})
    edited = api.get(f"/activities/{activity['id']}").json()
    assert edited["distance"] == 12000.0
    assert edited["elapsed_time"] == 99999
    assert sum(split["distance"] for split in edited["splits_metric"]) == pytest.approx(12000.0)


def test_deleted_activities_are_gone(strava, api):
    activity = api.page(per_page=1)[0]
    assert strava.admin("DELETE", f"/activities/{activity['id']}").status_code == 204
    assert api.get(f"/activities/{activity['id']}").status_code == 404
    assert strava.admin("DELETE", f"/activities/{activity['id']}").status_code == 404


@pytest.mark.parametrize(
    "body",
    [{"athlete_id": 99}, {"athlete_id": 1, "sport_type": "Kitesurf"}, {"athlete_id": 1, "distance": -1},
     {"athlete_id": 1, "colour": "red"}, {"athlete_id": 1, "elapsed_time": 1}],
)  # fmt: skip
def test_invalid_admin_edits_are_problem_json(strava, body):
    answer = strava.admin("POST", "/activities", json=body)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 400


def test_injected_429s_hit_the_next_requests_only(strava, api):
    strava.admin("POST", "/faults", json={"rate_limited": 2})
    answers = [api.get("/athlete") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].json()["message"] == "Rate Limit Exceeded"
    assert "X-RateLimit-Usage" in answers[0].headers


@pytest.mark.parametrize("status", [500, 503])
def test_injected_server_errors(strava, api, status):
    strava.admin("POST", "/faults", json={"server_errors": 1, "server_error_status": status})
    failed = api.get("/athlete/activities")
    assert failed.status_code == status
    assert failed.json()["errors"]
    assert api.get("/athlete/activities").status_code == 200


def test_injected_latency_slows_api_requests(strava, api):
    strava.admin("POST", "/faults", json={"latency_ms": 300})
    started = time.monotonic()
    api.get("/athlete")
    assert time.monotonic() - started >= 0.3
    strava.admin("DELETE", "/faults")
    assert strava.admin("GET", "/faults").json()["latency_ms"] == 0


def test_expiring_every_token_now(strava, api):
    assert strava.admin("POST", "/tokens/expire").json() == {"expired": 1}
    assert api.get("/athlete").status_code == 401


def test_moving_the_clock_over_http_expires_tokens(strava, api):
    now = strava.admin("GET", "/clock").json()["now"]
    assert strava.admin("POST", "/clock", json={"advance": 3600}).json()["now"] == now + 3600
    assert api.get("/athlete").status_code == 401


def test_the_request_log_counts_strava_calls_per_endpoint(strava, api):
    strava.admin("DELETE", "/requests")
    for _ in range(3):
        api.get("/athlete/activities")
    activity_id = api.page(per_page=1)[0]["id"]
    api.get(f"/activities/{activity_id}")
    api.get(f"/activities/{activity_id}/streams", keys="time")
    report = strava.admin("GET", "/requests").json()
    assert report["by_endpoint"] == {
        "GET /api/v3/athlete/activities": 4,
        "GET /api/v3/activities/{activity_id}": 1,
        "GET /api/v3/activities/{activity_id}/streams": 1,
    }
    assert report["total"] == 6
    assert report["requests"][-1]["athlete_id"] == 1
    assert len(strava.admin("GET", "/requests", params={"since": 5}).json()["requests"]) == 1


def test_oauth_calls_are_logged_too(strava):
    strava.authorize(athlete_id=1)
    counts = strava.admin("GET", "/requests").json()["by_endpoint"]
    assert counts == {"POST /oauth/authorize": 1, "POST /oauth/token": 1}


def test_reset_restores_the_seeded_state(strava, api, token):
    activity_id = api.page(per_page=1)[0]["id"]
    strava.admin("DELETE", f"/activities/{activity_id}")
    strava.admin("POST", "/reset")
    assert api.get("/athlete").status_code == 401  # tokens are gone
    fresh = strava.authorize(athlete_id=1)
    assert api.get(f"/activities/{activity_id}", fresh).status_code == 200
    assert strava.admin("GET", "/requests").json()["total"] == 4  # counted since the reset


def test_reset_with_another_seed_regenerates(strava):
    before = strava.admin("GET", "/athletes").json()[0]["stats"]
    strava.admin("POST", "/reset", json={"seed": 1234})
    after = strava.admin("GET", "/athletes").json()[0]["stats"]
    assert after["activities"] == before["activities"]
    assert after["first_start_date"] != before["first_start_date"]


def test_an_admin_token_guards_the_admin_api(config):
    with serve_sandbox(replace(config, admin_token="letmein")) as strava:
        assert requests.get(strava.url("/_sandbox/athletes"), timeout=10).status_code == 401
        assert strava.admin("GET", "/athletes").status_code == 200
