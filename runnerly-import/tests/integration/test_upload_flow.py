"""Upload over HTTP, a Celery worker on RabbitMQ, the run in the real data service."""

from __future__ import annotations

import pytest
import requests

from runnerly_core.testing_suite import wait_until

from ..samples import gpx, gz, strava_export, ten_k


def upload(app_url: str, user_id: int, headers: dict, *named: tuple[str, bytes]) -> list[dict]:
    parts = [("file", (name, content, "application/octet-stream")) for name, content in named]
    answer = requests.post(f"{app_url}/users/{user_id}/imports", files=parts, headers=headers, timeout=30)
    assert answer.status_code == 202, answer.text
    return answer.json()["jobs"]


def finished(app_url: str, user_id: int, headers: dict, jobs: list[dict]) -> list[dict]:
    def all_done():
        states = [
            requests.get(f"{app_url}/users/{user_id}/imports/{job['id']}", headers=headers, timeout=10).json()
            for job in jobs
        ]
        return states if all(s["status"] in ("done", "failed") for s in states) else None

    return wait_until(all_done, timeout=90, what="the import jobs")


def test_a_10k_gpx_becomes_a_run_once_however_often_it_is_uploaded(app_url, runners, user_headers):
    user_id = runners.new()
    headers = user_headers(user_id)
    content = gpx(ten_k())
    (first,) = finished(app_url, user_id, headers, upload(app_url, user_id, headers, ("tempo.gpx", content)))
    assert (first["status"], first["outcome"]) == ("done", "created")
    run = runners.run(user_id, first["run_id"])
    assert run["distance_m"] == pytest.approx(10_000, abs=2)
    assert run["polyline"]
    assert len(run["splits"]) == 10
    (again,) = finished(app_url, user_id, headers, upload(app_url, user_id, headers, ("tempo.gpx", content)))
    assert (again["outcome"], again["run_id"]) == ("unchanged", first["run_id"])
    assert len(runners.runs(user_id)) == 1


def test_a_strava_export_imports_every_good_activity(app_url, runners, user_headers):
    from datetime import timedelta

    from ..samples import START

    user_id = runners.new()
    headers = user_headers(user_id)
    activities = {f"{n}.gpx.gz": gz(gpx(ten_k(START + timedelta(days=n)))) for n in range(1, 31)}
    activities["31.gpx"] = b"<gpx"
    jobs = finished(
        app_url,
        user_id,
        headers,
        upload(app_url, user_id, headers, ("export.zip", strava_export(activities))),
    )
    assert sorted(job["status"] for job in jobs).count("done") == 30
    assert next(job for job in jobs if job["status"] == "failed")["filename"].endswith("31.gpx")
    assert len(runners.runs(user_id)) == 30
