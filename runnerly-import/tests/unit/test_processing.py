"""The worker's step against the real data service: good and bad files side by side,
duplicates, matches with Strava runs, and nothing half-written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from runnerly_import.jobs.processing import import_step
from runnerly_import.models import OutboxEvent
from runnerly_import.uploads.models import Upload

from ..samples import START, fit, gpx, gz, iso, strava_export, tcx, ten_k


@pytest.fixture
def upload(client, user_headers, runtime, session):
    """Upload named files for a runner, then run the worker's step on the jobs queued."""

    def send(user_id: int, *named: tuple[str, bytes]) -> list[dict]:
        parts = [("file", (name, content, "application/octet-stream")) for name, content in named]
        answer = client.post(f"/users/{user_id}/imports", files=parts, headers=user_headers(user_id))
        assert answer.status_code == 202, answer.text
        for job_ids in runtime.jobs.sent:
            import_step(session, runtime, job_ids)
        runtime.jobs.sent.clear()
        return [
            client.get(f"/users/{user_id}/imports/{job['id']}", headers=user_headers(user_id)).json()
            for job in answer.json()["jobs"]
        ]

    return send


def test_one_bad_file_in_an_archive_does_not_stop_the_others(upload, runners):
    user_id = runners.new()
    good = ten_k()
    export = strava_export(
        {
            "1.gpx": gpx(good),
            "2.fit.gz": gz(fit(ten_k(START + timedelta(days=1)))),
            "3.gpx": gpx(ten_k(START + timedelta(days=2)))[:4000],
            "4.tcx": b"not xml at all",
            "5.gpx": gpx(ten_k(START + timedelta(days=3)), sport="cycling"),
            "6.fit": b"\x0e\x10garbage",
        }
    )
    jobs = {job["filename"].rsplit("/", 1)[-1]: job for job in upload(user_id, ("export.zip", export))}
    assert {name: job["status"] for name, job in jobs.items()} == {
        "1.gpx": "done",
        "2.fit.gz": "done",
        "3.gpx": "failed",
        "4.tcx": "failed",
        "5.gpx": "failed",
        "6.fit": "failed",
    }
    assert "not well-formed XML" in jobs["3.gpx"]["error"]
    assert "not a run" in jobs["5.gpx"]["error"]
    assert "corrupt" in jobs["6.fit"]["error"]
    runs = runners.runs(user_id)
    assert sorted(run["id"] for run in runs) == sorted([jobs["1.gpx"]["run_id"], jobs["2.fit.gz"]["run_id"]])
    assert all(run["source"] == "upload" for run in runs)


def test_the_run_in_the_data_service_has_its_map_splits_and_totals(upload, runners):
    user_id = runners.new()
    (job,) = upload(user_id, ("tempo.gpx", gpx(ten_k())))
    assert (job["status"], job["outcome"]) == ("done", "created")
    run = runners.run(user_id, job["run_id"])
    assert run["distance_m"] == pytest.approx(10_000, abs=2)
    assert (run["moving_time_s"], run["elapsed_time_s"]) == (3200, 3200)
    assert run["start_time"] == "2026-03-01T07:30:00Z"
    assert (run["timezone"], run["start_time_local"]) == ("Europe/Paris", "2026-03-01T08:30:00")
    assert len(run["splits"]) == 10
    assert run["polyline"]
    assert (run["average_heartrate"], run["average_cadence"]) == (150, 85)
    assert run["streams"]["heartrate"].split(",") == ["150"] * 1601  # kept for zones and TRIMP
    assert job["summary"]["distance_m"] == run["distance_m"]


def test_the_same_file_uploaded_twice_makes_one_run(upload, runners):
    user_id = runners.new()
    content = gpx(ten_k())
    (first,) = upload(user_id, ("run.gpx", content))
    (again,) = upload(user_id, ("run.gpx", content))
    (zipped_again,) = upload(user_id, ("run.gpx.gz", gz(content)))
    assert first["outcome"] == "created"
    assert (again["outcome"], again["run_id"]) == ("unchanged", first["run_id"])
    assert (zipped_again["outcome"], zipped_again["run_id"]) == ("unchanged", first["run_id"])
    assert len(runners.runs(user_id)) == 1


def test_a_file_of_an_activity_that_came_from_strava_matches_that_run(upload, runners):
    user_id = runners.new()
    strava = runners.add_strava_run(
        user_id, start_time=iso(START + timedelta(seconds=40)), distance_m=10_180, moving_time_s=3190
    )
    (job,) = upload(user_id, ("run.fit", fit(ten_k())))
    assert (job["status"], job["outcome"], job["run_id"]) == ("done", "matched", strava["id"])
    assert [run["id"] for run in runners.runs(user_id)] == [strava["id"]]


@pytest.mark.parametrize(
    ("offset_s", "distance_m"),
    [(90, 10_000), (0, 10_400)],  # started 90 s apart; 4 % longer
)
def test_a_strava_run_too_far_in_start_or_distance_is_another_activity(upload, runners, offset_s, distance_m):
    user_id = runners.new()
    runners.add_strava_run(
        user_id,
        start_time=iso(START + timedelta(seconds=offset_s)),
        distance_m=distance_m,
        moving_time_s=3200,
    )
    (job,) = upload(user_id, ("run.gpx", gpx(ten_k())))
    assert job["outcome"] == "created"
    assert len(runners.runs(user_id)) == 2


def test_two_files_of_one_activity_in_one_upload_make_one_run(upload, runners):
    user_id = runners.new()
    gpx_job, fit_job = upload(user_id, ("watch.gpx", gpx(ten_k())), ("watch.fit", fit(ten_k())))
    assert gpx_job["outcome"] == "created"
    assert (fit_job["outcome"], fit_job["run_id"]) == ("matched", gpx_job["run_id"])
    assert len(runners.runs(user_id)) == 1


def test_finished_uploads_are_cleared_and_the_change_is_announced(upload, runners, session):
    user_id = runners.new()
    (job,) = upload(user_id, ("run.tcx", tcx(ten_k())))
    assert session.scalars(select(Upload.content)).all() == [None]
    bodies = [event.body for event in session.scalars(select(OutboxEvent))]
    assert [(b["type"], b["user_id"], b["run_ids"], b["kind"]) for b in bodies] == [
        ("runs.changed", user_id, [job["run_id"]], "created")
    ]


def test_a_job_already_finished_is_not_done_again(upload, runners, runtime, session, client, user_headers):
    user_id = runners.new()
    (job,) = upload(user_id, ("run.gpx", gpx(ten_k())))
    import_step(session, runtime, [job["id"]])  # a duplicate message
    again = client.get(f"/users/{user_id}/imports/{job['id']}", headers=user_headers(user_id)).json()
    assert again == job
