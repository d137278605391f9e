"""Exporting everything about oneself; deleting the account everywhere."""

from __future__ import annotations

from runnerly_core import events
from runnerly_core.testing import events_received

from .conftest import STRAVA_URL
from .test_pages import EASY_RUN, LONG_RUN

PLAN = {
    "name": "Autumn half",
    "race_date": "2027-03-01",
    "race_distance_m": 21097.5,
    "runs": [{"date": "2027-02-01", "type": "easy", "distance_m": 8000}],
}


def test_the_export_holds_the_account_profile_every_run_with_details_plans_and_strava(
    runner, edge, data_as, email
):
    user_id = runner.get("/api/me").json["user_id"]
    run_ids = {runner.post("/api/runs", run, status=201).json["id"] for run in (EASY_RUN, LONG_RUN)}
    plan = data_as(user_id, "POST", f"/users/{user_id}/plans", json=PLAN).json()
    runner.post("/api/shoes", {"name": "Pegasus 41", "default_for": "Run"}, status=201)
    edge.get(f"{STRAVA_URL}/users/{user_id}/strava", status_code=404, json={})

    answer = runner.get("/api/me/export")
    archive = answer.json

    assert 'filename="runnerly-export.json"' in answer.headers["Content-Disposition"]
    assert archive["account"]["email"] == email
    assert len(archive["account"]["sessions"]) == 1
    assert archive["profile"]["user_id"] == user_id
    assert {run["id"] for run in archive["runs"]} == run_ids
    assert all("splits" in run and "polyline" in run for run in archive["runs"])
    assert [each["id"] for each in archive["plans"]] == [plan["id"]]
    assert archive["plans"][0]["runs"][0]["type"] == "easy"
    assert [(shoe["name"], shoe["runs"]) for shoe in archive["shoes"]] == [("Pegasus 41", 2)]
    assert archive["strava"] == {"linked": False}


def test_deleting_the_account_deletes_the_runner_announces_it_and_ends_the_sessions(runner, data_as, email):
    user_id = runner.get("/api/me").json["user_id"]
    runner.post("/api/runs", EASY_RUN, status=201)

    with events_received(events.USERS_DELETED, prefix="test-dashboard") as announced:
        answer = runner.write("DELETE", "/api/me", status=204)
        deleted = [event for event in announced() if event["user_id"] == user_id]

    assert len(deleted) == 1
    assert "runnerly_session=;" in " ".join(answer.headers.getall("Set-Cookie"))
    assert data_as(user_id, "GET", f"/users/{user_id}").status_code == 404
    runner.get("/api/me", status=401)
    runner.log_in(email, "correct horse battery staple 42", status=401)


def test_a_runner_deleted_through_the_data_service_loses_the_dashboard_account(runner, data_as, email):
    from runnerly_dashboard.events import forget

    user_id = runner.get("/api/me").json["user_id"]
    data_as(user_id, "DELETE", f"/users/{user_id}")

    assert forget(user_id) == 1  # the users.deleted consumer's work
    runner.get("/api/me", status=401)
    assert forget(user_id) == 0  # the same event again changes nothing
