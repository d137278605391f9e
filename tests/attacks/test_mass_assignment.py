"""API3:2023 Broken Object Property Level Authorization (mass assignment): a runner sends the
fields the server owns (ids, owners, sources, timestamps, confirmation flags) with an
ordinary write. The write is refused whole with a problem, and nothing changes."""

from __future__ import annotations

PROBLEM = "application/problem+json"
RUN = {"start_time": "2026-11-21T07:30:00Z", "distance_m": 5000, "moving_time_s": 1500, "name": "Easy 5k"}


def _refused(answer) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.headers["Content-Type"].startswith(PROBLEM)


def test_a_run_cannot_be_written_with_its_id_owner_or_source(alice, bob):
    before = alice.api("GET", "data", f"/users/{alice.id}/runs").json()["total"]
    for owned in (
        {"id": 1},
        {"user_id": bob.id},
        {"source": "strava"},
        {"created_at": "2001-01-01T00:00:00Z"},
    ):
        _refused(alice.api("POST", "data", f"/users/{alice.id}/runs", json={**RUN, **owned}))
    assert alice.api("GET", "data", f"/users/{alice.id}/runs").json()["total"] == before


def test_a_runs_owner_and_source_cannot_be_changed(alice):
    run = alice.api("GET", "data", f"/users/{alice.id}/runs", params={"per_page": 1}).json()["items"][0]
    path = f"/users/{alice.id}/runs/{run['id']}"
    for owned in ({"id": run["id"] + 1}, {"user_id": alice.id + 1}, {"source": "strava"}):
        _refused(alice.api("PATCH", "data", path, json=owned))
    kept = alice.api("GET", "data", path).json()
    assert (kept["id"], kept["source"]) == (run["id"], run["source"])


def test_a_runner_cannot_give_themself_another_id_or_creation_time(alice):
    path = f"/users/{alice.id}"
    for owned in ({"id": 999_999}, {"created_at": "2001-01-01T00:00:00Z"}):
        _refused(alice.api("PATCH", "data", path, json=owned))
    assert alice.api("GET", "data", path).json()["id"] == alice.id


def test_the_dashboard_profile_refuses_server_owned_fields(alice):
    me = alice.dashboard("GET", "/api/me").json()
    for owned in (
        {"id": 1},
        {"user_id": 1},
        {"email_confirmed": True},
        {"is_admin": True},
        {"email": "x@y.org"},
    ):
        answer = alice.dashboard("PATCH", "/api/me", json=owned)
        assert answer.status_code in (400, 405), answer.text
    assert alice.dashboard("GET", "/api/me").json() == me
