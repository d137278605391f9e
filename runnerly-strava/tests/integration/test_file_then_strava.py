"""A run imported from a file before the Strava backfill brings the same activity: one run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import requests


def test_a_backfill_takes_over_the_file_run_of_the_same_activity_and_adds_no_twin(suite, worker):
    runner = suite.new_runner()
    activity = next(a for a in suite.sandbox.sandbox.activities.of_athlete(2, True) if a.is_run)
    file_run_id = _upload_run(suite, runner, activity.start + 20, activity.distance * 1.01)
    suite.link(runner, athlete_id=2)
    suite.wait_for_backfill(runner)
    runs = suite.strava_runs(runner)
    adopted = [run for run in runs if run["source_id"] == str(activity.id)]
    assert [run["id"] for run in adopted] == [file_run_id]
    assert _uploaded_runs(suite, runner) == 0
    assert len({run["source_id"] for run in runs}) == len(runs)


def _upload_run(suite, user_id: int, start: int, distance: float) -> int:
    moving = round(distance / 3.3)
    run = {
        "source": "upload",
        "source_id": "f" * 64,
        "start_time": (datetime.fromtimestamp(0, UTC) + timedelta(seconds=start)).isoformat(),
        "distance_m": distance,
        "moving_time_s": moving,
    }
    answer = requests.post(
        f"{suite.data_url}/users/{user_id}/runs/bulk",
        json={"runs": [run]},
        headers=_writer(suite),
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["runs"][0]["id"]


def _uploaded_runs(suite, user_id: int) -> int:
    answer = requests.get(
        f"{suite.data_url}/users/{user_id}/runs",
        params={"source": "upload"},
        headers=_writer(suite),
        timeout=10,
    )
    return answer.json()["total"]


def _writer(suite) -> dict:
    token = suite.issuer.service_token("test", audience="runnerly-data", scope="runs:read runs:write")
    return {"Authorization": f"Bearer {token}"}
