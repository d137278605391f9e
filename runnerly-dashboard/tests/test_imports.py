"""Uploading activity files through the dashboard, against the real import service and
its worker (on RabbitMQ) writing to the real data service: the runner sees the run made,
the same file twice makes one run, a bad file says why, and jobs are the runner's own."""

from __future__ import annotations

import json
import uuid

import pytest

from runnerly_core.testing import fresh_database_url, stream_request
from runnerly_core.testing_suite import console_process, service_env, service_process, wait_until

from .activity_files import gpx_run
from .conftest import PASSWORD
from .runners import Browser

MAX_FILE_BYTES = 1_000_000  # the import service's per-file limit here: small, to reach it
FINISHED = {"done", "failed"}


@pytest.fixture(scope="module")
def import_service(tmp_path_factory, token_url, issuer, data_url, broker_url, import_port):
    """The import service on the port the dashboard calls, with one worker."""
    folder = tmp_path_factory.mktemp("import")
    database = fresh_database_url("runnerly-dashboard-import", folder)
    env = {
        **service_env("IMPORT", database, token_url, issuer),
        "RUNNERLY_IMPORT_DATA_URL": data_url,
        "RUNNERLY_IMPORT_BROKER_URL": broker_url,
        "RUNNERLY_IMPORT_QUEUE_PREFIX": f"test-{uuid.uuid4().hex[:8]}.import",
        "RUNNERLY_IMPORT_CLIENT_ID": "runnerly-import",
        "RUNNERLY_IMPORT_CLIENT_SECRET": "test",
        "RUNNERLY_IMPORT_MAX_FILE_BYTES": str(MAX_FILE_BYTES),
    }
    with (
        service_process("import", env, folder, port=import_port) as url,  # migrated first
        console_process(["runnerly-import", "worker", "--concurrency", "1"], env, folder / "worker.log"),
    ):
        yield url


def upload(browser: Browser, *files: tuple[str, bytes], status: int | str = 202, **kwargs):
    headers = {"X-CSRF-Token": browser.csrf(), **kwargs.pop("headers", {})}
    parts = [("file", name, content) for name, content in files]
    return browser.app.post("/api/imports", upload_files=parts, headers=headers, status=status, **kwargs)


def finished(browser: Browser, job_id: int) -> dict:
    return wait_until(
        lambda: (job := browser.get(f"/api/imports/{job_id}").json)["status"] in FINISHED and job,
        timeout=90,
        what=f"import job {job_id}",
    )


def test_an_uploaded_gpx_becomes_a_run_with_its_map_and_splits(runner, import_service):
    answer = upload(runner, ("sunday.gpx", gpx_run(10_000)))

    [job] = answer.json["jobs"]
    assert (job["filename"], job["status"]) == ("sunday.gpx", "queued")
    job = finished(runner, job["id"])
    assert (job["status"], job["outcome"], job["error"]) == ("done", "created", None)
    [run] = runner.get("/api/runs").json["items"]
    assert run["id"] == job["run_id"]
    assert run["source"] == "upload"
    assert run["distance_m"] == pytest.approx(10_000, abs=5)
    detail = runner.get(f"/api/runs/{run['id']}").json
    assert len(detail["splits"]) == 10
    assert detail["polyline"]


def test_the_same_file_again_makes_nothing_new(runner, import_service):
    content = gpx_run(10_000)
    first = finished(runner, upload(runner, ("run.gpx", content)).json["jobs"][0]["id"])

    again = finished(runner, upload(runner, ("run-copy.gpx", content)).json["jobs"][0]["id"])

    assert (again["status"], again["outcome"], again["run_id"]) == ("done", "unchanged", first["run_id"])
    assert runner.get("/api/runs").json["total"] == 1
    listed = runner.get("/api/imports").json
    assert [job["id"] for job in listed["items"]] == [again["id"], first["id"]]


def test_a_file_that_is_not_an_activity_is_refused_with_its_reason_and_nothing_kept(runner, import_service):
    answer = upload(runner, ("notes.txt", b"just some notes"), status=400)

    assert answer.content_type == "application/problem+json"
    assert "notes.txt" in answer.json["detail"]
    assert runner.get("/api/imports").json["total"] == 0


def test_a_text_part_named_file_is_refused_and_nothing_is_kept(runner, import_service):
    headers = {"X-CSRF-Token": runner.csrf()}
    parts = [("file", "sunday.gpx", gpx_run(1_000))]

    answer = runner.app.post(
        "/api/imports", params=[("file", "not a file")], upload_files=parts, headers=headers, status=400
    )

    assert "is text, not a file" in answer.json["detail"]
    assert runner.get("/api/imports").json["total"] == 0


def test_a_corrupt_gpx_fails_its_job_with_a_reason_the_runner_can_read(runner, import_service):
    answer = upload(runner, ("broken.gpx", gpx_run(3_000)[:500]), ("fine.gpx", gpx_run(3_000)))

    broken, fine = (finished(runner, job["id"]) for job in answer.json["jobs"])
    assert broken["status"] == "failed"
    assert "not well-formed XML" in broken["error"]
    assert (fine["status"], fine["outcome"]) == ("done", "created")
    assert runner.get("/api/runs").json["total"] == 1


def test_another_runner_sees_neither_my_jobs_nor_my_runs(runner, import_service, email):
    job = upload(runner, ("mine.gpx", gpx_run(5_000))).json["jobs"][0]
    finished(runner, job["id"])

    runner.app.reset()
    other = f"other-{email}"
    runner.sign_up(other, PASSWORD)
    runner.confirm(runner.sink.link_to(other, "/confirm"))

    assert runner.get(f"/api/imports/{job['id']}", status=404).content_type == "application/problem+json"
    assert runner.get("/api/imports").json["total"] == 0
    assert runner.get("/api/runs").json["total"] == 0


def test_an_upload_without_the_csrf_token_is_refused(runner, import_service):
    runner.csrf()
    parts = [("file", "sunday.gpx", gpx_run(1_000))]

    answer = runner.app.post("/api/imports", upload_files=parts, status=403)

    assert "CSRF" in answer.json["detail"]
    assert runner.get("/api/imports").json["total"] == 0


def test_a_file_over_the_import_services_limit_is_413_with_its_reason(runner, import_service):
    answer = upload(runner, ("huge.gpx", b" " * (MAX_FILE_BYTES + 1)), status=413)

    assert "huge.gpx" in answer.json["detail"]
    assert runner.get("/api/imports").json["total"] == 0


def test_a_body_over_the_limit_is_refused_before_it_is_read(connexion_app, settings):
    chunks = (b" " * 1024 * 1024 for _ in range(settings.max_upload_bytes // (1024 * 1024) + 8))
    headers = {"Content-Type": "multipart/form-data; boundary=x"}

    answer = stream_request(connexion_app, "POST", "/api/imports", chunks, headers)

    assert answer["status"] == 413
    assert answer["bytes_read"] <= settings.max_upload_bytes + 1024 * 1024
    assert json.loads(answer["body"])["title"] == "Content Too Large"


def test_signed_out_nobody_uploads_or_lists(browser):
    browser.get("/api/imports", status=401)
    upload(browser, ("sunday.gpx", gpx_run(1_000)), status=401)
