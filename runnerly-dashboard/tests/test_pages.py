"""The calls the web app's pages make, for the session's runner only."""

from __future__ import annotations

import jwt

from .conftest import STRAVA_URL

EASY_RUN = {
    "start_time": "2026-11-20T07:30:00Z",
    "distance_m": 8000,
    "moving_time_s": 2640,
    "name": "Easy eight",
}
LONG_RUN = {
    "start_time": "2026-11-22T08:00:00Z",
    "distance_m": 21000,
    "moving_time_s": 7200,
    "name": "Long Sunday",
}


def test_a_runner_logs_lists_filters_edits_and_deletes_a_run(runner):
    created = runner.post("/api/runs", EASY_RUN, status=201).json
    runner.post("/api/runs", LONG_RUN, status=201)

    assert runner.get("/api/runs").json["total"] == 2
    long_only = runner.get("/api/runs", params={"min_distance_m": 10000}).json
    assert [run["name"] for run in long_only["items"]] == ["Long Sunday"]
    assert runner.get("/api/runs", params={"q": "easy"}).json["total"] == 1

    detail = runner.get(f"/api/runs/{created['id']}")
    edited = runner.write(
        "PATCH",
        f"/api/runs/{created['id']}",
        {"name": "Recovery"},
        headers={"If-Match": detail.headers["ETag"]},
    )
    assert edited.json["name"] == "Recovery"
    runner.write(
        "PATCH",
        f"/api/runs/{created['id']}",
        {"name": "Stale"},
        headers={"If-Match": detail.headers["ETag"]},
        status=412,
    )

    runner.write("DELETE", f"/api/runs/{created['id']}", status=204)
    runner.get(f"/api/runs/{created['id']}", status=404)


def test_a_run_from_another_source_cannot_be_deleted_here(runner, data_as):
    user_id = runner.get("/api/me").json["user_id"]
    uploaded = {**EASY_RUN, "source": "upload", "source_id": "file-1"}
    [run] = data_as(user_id, "POST", f"/users/{user_id}/runs/bulk", json={"runs": [uploaded]}).json()["runs"]

    refused = runner.write("DELETE", f"/api/runs/{run['id']}", status=409).json

    assert "comes from upload" in refused["detail"]


def test_a_runner_never_reaches_another_runners_run(runner, webtest, sink, email):
    from .conftest import PASSWORD
    from .runners import Browser

    run = runner.post("/api/runs", EASY_RUN, status=201).json
    webtest.reset()
    other = Browser(webtest, sink)
    other_email = f"other-{email}"
    other.sign_up(other_email, PASSWORD)
    other.confirm(sink.link_to(other_email, "/confirm"))

    other.get(f"/api/runs/{run['id']}", status=404)
    other.write("DELETE", f"/api/runs/{run['id']}", status=404)
    assert other.get("/api/runs").json["total"] == 0


def test_statistics_and_records_are_the_runners_own(runner):
    runner.post("/api/runs", LONG_RUN, status=201)

    monthly = runner.get("/api/stats/monthly", params={"from": "2026-11-01", "to": "2026-11-30"}).json
    records = runner.get("/api/records").json["records"]

    assert monthly["totals"][0]["distance_m"] == 21000
    assert "half_marathon" not in {record["name"] for record in records} or records


def test_the_strava_link_is_read_with_a_user_token_for_the_session_runner(runner, edge):
    user_id = runner.get("/api/me").json["user_id"]
    called = edge.get(f"{STRAVA_URL}/users/{user_id}/strava", status_code=404, json={"detail": "not linked"})

    assert runner.get("/api/strava").json == {"linked": False}

    claims = jwt.decode(
        called.last_request.headers["Authorization"].split()[1], options={"verify_signature": False}
    )
    assert (claims["sub"], claims["aud"]) == (str(user_id), "runnerly-strava")


def test_linking_strava_answers_where_to_send_the_browser_and_the_backfill_progress(runner, edge):
    user_id = runner.get("/api/me").json["user_id"]
    base = f"{STRAVA_URL}/users/{user_id}/strava"
    edge.post(
        f"{base}/link",
        json={"authorize_url": "http://sandbox/oauth/authorize?x=1", "state": "s", "expires_in": 600},
    )
    link = {
        "user_id": user_id,
        "athlete": {"id": 1, "name": "Demo Athlete"},
        "scope": "read,activity:read_all",
        "status": "active",
        "linked_at": "2026-12-02T10:00:00Z",
        "last_sync_at": None,
        "backfill": {
            "state": "running",
            "done": 40,
            "total": 100,
            "total_is_estimate": True,
            "pages": 1,
            "activities_scanned": 60,
        },
    }
    edge.post(f"{base}/link/callback", status_code=201, json=link)

    started = runner.post("/api/strava/link").json
    linked = runner.post(
        "/api/strava/link/callback", {"state": "s", "code": "c", "scope": "read,activity:read_all"}
    ).json

    assert started == {"authorize_url": "http://sandbox/oauth/authorize?x=1", "expires_in": 600}
    assert linked["linked"] is True
    assert linked["link"]["backfill"]["done"] == 40


def test_the_strava_status_says_why_the_backfill_waits_and_when_it_resumes(runner, edge):
    user_id = runner.get("/api/me").json["user_id"]
    backfill = {"state": "running", "done": 40, "total": 100, "total_is_estimate": True, "pages": 1}
    backfill |= {"activities_scanned": 60, "waiting": "rate_limit_15min"}
    backfill |= {"resumes_at": "2026-12-02T10:45:00Z"}
    link = {
        "user_id": user_id,
        "athlete": {"id": 1, "name": "Demo Athlete"},
        "scope": "read,activity:read_all",
        "status": "active",
        "linked_at": "2026-12-02T10:00:00Z",
        "last_sync_at": None,
        "backfill": backfill,
    }
    edge.get(f"{STRAVA_URL}/users/{user_id}/strava", json=link)

    shown = runner.get("/api/strava").json["link"]["backfill"]

    assert (shown["waiting"], shown["resumes_at"]) == ("rate_limit_15min", "2026-12-02T10:45:00Z")
    assert shown["done"] == 40  # the bar keeps its progress while paused


def test_a_service_that_does_not_answer_is_a_503_with_retry_after(runner, edge):
    import requests

    user_id = runner.get("/api/me").json["user_id"]
    edge.get(f"{STRAVA_URL}/users/{user_id}/strava", exc=requests.ConnectionError)

    answer = runner.get("/api/strava", status=503)

    assert answer.headers["Retry-After"]
    assert "does not answer" in answer.json["detail"]


def test_a_runner_sets_changes_and_clears_a_yearly_goal(runner, edge):
    user_id = runner.get("/api/me").json["user_id"]
    edge.get(f"{STRAVA_URL}/users/{user_id}/strava", status_code=404, json={})
    assert runner.get("/api/me").json["yearly_goal_m"] is None
    assert runner.write("PATCH", "/api/me", {"yearly_goal_m": 1_500_000}).json["yearly_goal_m"] == 1_500_000
    refused = runner.write("PATCH", "/api/me", {"yearly_goal_m": -5}, status=400)
    assert refused.content_type == "application/problem+json"
    assert runner.get("/api/me").json["yearly_goal_m"] == 1_500_000
    assert runner.get("/api/me/export").json["account"]["yearly_goal_m"] == 1_500_000
    assert runner.write("PATCH", "/api/me", {"yearly_goal_m": None}).json["yearly_goal_m"] is None


def test_the_best_efforts_set_this_season_against_all_time(runner):
    # Runs typed in by hand have no splits: each counts at its own distance only.
    runner.post(
        "/api/runs", {**EASY_RUN, "start_time": "2025-05-04T08:00:00Z", "distance_m": 5000}, status=201
    )
    runner.post("/api/runs", EASY_RUN, status=201)
    curves = runner.get("/api/best-efforts", params={"from": "2026-01-01"}).json
    assert curves["season_start"] == "2026-01-01"
    assert [effort["distance_m"] for effort in curves["season"]] == [8000]
    assert [effort["distance_m"] for effort in curves["all_time"]] == [5000, 8000]
    assert runner.get("/api/routes").json == {"routes": []}  # typed in: no track to draw
