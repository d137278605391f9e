"""The data service down for 30 s while a Strava export is imported: the worker retries
until it is back, and every activity ends as exactly one run, none lost, none doubled."""

from __future__ import annotations

import time
from datetime import timedelta

import requests

from runnerly_core.testing_suite import wait_until

from ..integration.test_upload_flow import upload
from ..samples import START, gpx, gz, strava_export, ten_k

OUTAGE_SECONDS = 30
ACTIVITIES = 30


def jobs_of(app_url: str, user_id: int, headers: dict, jobs: list[dict]) -> list[dict]:
    return [
        requests.get(f"{app_url}/users/{user_id}/imports/{job['id']}", headers=headers, timeout=10).json()
        for job in jobs
    ]


def test_the_data_service_down_for_30_seconds_mid_import_loses_and_doubles_nothing(
    app_url, runners, user_headers, data_process
):
    user_id = runners.new()
    headers = user_headers(user_id)
    export = {f"{n}.gpx.gz": gz(gpx(ten_k(START + timedelta(days=n)))) for n in range(ACTIVITIES)}
    data_process.stop()
    try:
        jobs = upload(app_url, user_id, headers, ("export.zip", strava_export(export)))
        time.sleep(OUTAGE_SECONDS)
        during = jobs_of(app_url, user_id, headers, jobs)
    finally:
        data_process.start()

    def finished():
        states = jobs_of(app_url, user_id, headers, jobs)
        return states if all(s["status"] in ("done", "failed") for s in states) else None

    states = wait_until(finished, timeout=240, what="the import jobs after the outage")
    assert not any(s["status"] in ("done", "failed") for s in during), (
        "a job ended while the data service was down"
    )
    assert [s["status"] for s in states] == ["done"] * ACTIVITIES
    assert {s["outcome"] for s in states} == {"created"}
    runs = runners.runs(user_id)
    assert len(runs) == ACTIVITIES
    assert sorted(r["id"] for r in runs) == sorted(s["run_id"] for s in states)
