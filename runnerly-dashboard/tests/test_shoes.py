"""The Shoes page's calls: pairs with their mileage, for the session's runner only."""

from __future__ import annotations

from .conftest import PASSWORD
from .runners import Browser

ROAD_RUN = {"start_time": "2026-11-20T07:30:00Z", "distance_m": 8000, "moving_time_s": 2640}


def test_a_runner_adds_a_default_pair_wears_runs_in_it_and_is_told_to_retire_it(runner):
    shoe = runner.post(
        "/api/shoes", {"name": "Pegasus 41", "default_for": "Run", "retire_at_m": 10000}, status=201
    ).json
    run = runner.post("/api/runs", ROAD_RUN, status=201).json
    assert runner.get(f"/api/runs/{run['id']}/shoe").json["shoe"]["id"] == shoe["id"]
    [listed] = runner.get("/api/shoes").json["items"]
    assert (listed["distance_m"], listed["retirement_due"]) == (8000, False)

    runner.post("/api/runs", {**ROAD_RUN, "start_time": "2026-11-21T07:30:00Z"}, status=201)
    assert runner.get("/api/shoes").json["items"][0]["retirement_due"] is True

    retired = runner.write("PATCH", f"/api/shoes/{shoe['id']}", {"retired": True}).json
    assert (retired["retired"], retired["retirement_due"]) == (True, False)


def test_a_run_is_assigned_to_another_pair(runner):
    runner.post("/api/shoes", {"name": "Daily", "default_for": "Run"}, status=201)
    racer = runner.post("/api/shoes", {"name": "Racer"}, status=201).json
    run = runner.post("/api/runs", ROAD_RUN, status=201).json
    worn = runner.write("PUT", f"/api/runs/{run['id']}/shoe", {"shoe_id": racer["id"]}).json
    assert worn["shoe"]["name"] == "Racer"
    runner.write("DELETE", f"/api/shoes/{racer['id']}", status=204)
    assert runner.get(f"/api/runs/{run['id']}/shoe").json["shoe"]["name"] == "Daily"


def test_a_bad_pair_is_refused_in_words(runner):
    problem = runner.post("/api/shoes", {"name": "x", "retire_at_m": 0}, status=400)
    assert problem.content_type == "application/problem+json"
    assert runner.get("/api/shoes").json["items"] == []


def test_a_runner_never_reaches_another_runners_shoes(runner, webtest, sink, email):
    shoe = runner.post("/api/shoes", {"name": "Mine"}, status=201).json
    webtest.reset()
    other = Browser(webtest, sink)
    other.sign_up(f"other-{email}", PASSWORD)
    other.confirm(sink.link_to(f"other-{email}", "/confirm"))

    other.write("PATCH", f"/api/shoes/{shoe['id']}", {"name": "Stolen"}, status=404)
    other.write("DELETE", f"/api/shoes/{shoe['id']}", status=404)
    assert other.get("/api/shoes").json["items"] == []
