"""The upload API: what it accepts, what it refuses (and then stores nothing), who sees what."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from runnerly_import.uploads.models import ImportJob, Upload

from ..samples import fit, gpx, gz, strava_export, tcx, ten_k, zipped


def files(*named: tuple[str, bytes]) -> list:
    return [("file", (name, content, "application/octet-stream")) for name, content in named]


def stored(session) -> tuple[int, int]:
    return session.scalar(select(func.count(Upload.id))), session.scalar(select(func.count(ImportJob.id)))


def test_it_accepts_several_files_and_answers_202_with_one_queued_job_each(
    client, user_headers, runtime, session
):
    activity = ten_k()
    answer = client.post(
        "/users/7/imports",
        files=files(("a.gpx", gpx(activity)), ("b.fit.gz", gz(fit(activity))), ("c.tcx", tcx(activity))),
        headers=user_headers(7),
    )
    assert answer.status_code == 202, answer.text
    jobs = answer.json()["jobs"]
    assert [(job["filename"], job["status"]) for job in jobs] == [
        ("a.gpx", "queued"),
        ("b.fit.gz", "queued"),
        ("c.tcx", "queued"),
    ]
    assert runtime.jobs.sent == [[job["id"] for job in jobs]]
    assert stored(session) == (3, 3)


def test_a_strava_export_makes_one_job_per_activity_file_and_skips_the_csv(client, user_headers, session):
    export = strava_export(
        {"101.gpx": gpx(ten_k()), "102.fit.gz": gz(fit(ten_k())), "103.tcx.gz": gz(tcx(ten_k()))}
    )
    answer = client.post("/users/7/imports", files=files(("export.zip", export)), headers=user_headers(7))
    assert answer.status_code == 202, answer.text
    names = sorted(job["filename"] for job in answer.json()["jobs"])
    assert names == [
        "export.zip/activities/101.gpx",
        "export.zip/activities/102.fit.gz",
        "export.zip/activities/103.tcx.gz",
    ]
    assert stored(session) == (1, 3)  # the archive is stored once


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("run.gpx", b"", "is empty"),
        ("run.txt", b"hello", "is not an activity file"),
        ("run.gpx.exe", b"MZ", "is not an activity file"),
        ("export.zip", b"PK\x03\x04 not really", "not a readable ZIP"),
        ("export.zip", zipped({"../../etc/cron.d/evil.gpx": b"x"}), "points outside the archive"),
        ("export.zip", zipped({"/abs/run.gpx": b"x"}), "points outside the archive"),
        ("export.zip", zipped({"activities.csv": b"id\n"}), "holds no GPX, TCX or FIT"),
        ("export.zip", zipped({f"a/{i}.gpx": b"x" for i in range(51)}), "51 members"),
        ("bomb.zip", zipped({"bomb.gpx": b"\0" * 1_400_000}), "looks like a ZIP bomb"),
    ],
)
def test_it_refuses_bad_uploads_with_a_clear_message_and_stores_nothing(
    client, user_headers, session, name, content, says
):
    answer = client.post(
        "/users/7/imports", files=files(("good.gpx", gpx(ten_k())), (name, content)), headers=user_headers(7)
    )
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert says in answer.json()["detail"]
    assert stored(session) == (0, 0)


def test_it_refuses_an_archive_that_would_inflate_past_the_file_limit(client, user_headers, session):
    many = zipped({f"{i}.gpx": bytes(range(256)) * 6000 for i in range(2)})  # 1.5 MB each, incompressible-ish
    answer = client.post("/users/7/imports", files=files(("big.zip", many)), headers=user_headers(7))
    assert answer.status_code == 400
    assert "would inflate" in answer.json()["detail"] or "ZIP bomb" in answer.json()["detail"]
    assert stored(session) == (0, 0)


def test_a_file_over_the_file_limit_is_refused_with_413(client, user_headers, session):
    answer = client.post(
        "/users/7/imports", files=files(("huge.gpx", b"<" * 1_600_000)), headers=user_headers(7)
    )
    assert answer.status_code == 413
    assert "larger than 1500000 bytes" in answer.json()["detail"]
    assert stored(session) == (0, 0)


def test_a_body_over_the_upload_limit_is_refused_with_413_before_it_is_read(client, user_headers, session):
    answer = client.post(
        "/users/7/imports", files=files(("huge.gpx", b"<" * 3_100_000)), headers=user_headers(7)
    )
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert stored(session) == (0, 0)


def test_an_upload_without_a_file_part_is_refused(client, user_headers):
    answer = client.post("/users/7/imports", files={"other": ("x.gpx", b"x")}, headers=user_headers(7))
    assert answer.status_code == 400


def test_a_runner_cannot_upload_for_another_runner(client, user_headers, session):
    answer = client.post("/users/8/imports", files=files(("a.gpx", gpx(ten_k()))), headers=user_headers(7))
    assert answer.status_code == 403
    assert stored(session) == (0, 0)


def test_uploading_needs_the_imports_write_scope(client, user_headers):
    answer = client.post(
        "/users/7/imports", files=files(("a.gpx", gpx(ten_k()))), headers=user_headers(7, "imports:read")
    )
    assert answer.status_code == 403


def test_a_runner_sees_only_their_own_jobs(client, user_headers):
    mine = client.post("/users/7/imports", files=files(("a.gpx", gpx(ten_k()))), headers=user_headers(7))
    job_id = mine.json()["jobs"][0]["id"]
    assert client.get(f"/users/7/imports/{job_id}", headers=user_headers(7)).json()["status"] == "queued"
    assert client.get(f"/users/8/imports/{job_id}", headers=user_headers(8)).status_code == 404
    assert client.get(f"/users/7/imports/{job_id}", headers=user_headers(8)).status_code == 403
    assert client.get("/users/8/imports", headers=user_headers(8)).json()["total"] == 0
    listed = client.get("/users/7/imports", headers=user_headers(7)).json()
    assert [job["id"] for job in listed["items"]] == [job_id]


def test_the_zip_helper_writes_real_archives():
    # Guards the refusal tests above: their archives are readable ZIPs, so a refusal is ours.
    with zipfile.ZipFile(io.BytesIO(zipped({"a/1.gpx": b"x"}))) as archive:
        assert archive.namelist() == ["a/1.gpx"]


TEXT_ONLY = (
    b'--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--b--\r\n',
    {"Content-Type": "multipart/form-data; boundary=b"},
)


@pytest.mark.parametrize(
    "parts",
    [
        {"data": {"file": "not a file"}, "files": files(("a.gpx", b"<gpx/>"))},
        {"content": TEXT_ONLY[0], "headers": TEXT_ONLY[1]},
    ],
    ids=["text-and-file-of-one-name", "text-alone"],
)
def test_a_text_part_named_file_is_refused_with_a_problem_and_nothing_is_stored(
    client, user_headers, session, parts
):
    headers = {**user_headers(7), **parts.pop("headers", {})}
    answer = client.post("/users/7/imports", headers=headers, **parts)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "not a file" in answer.json()["detail"]
    assert stored(session) == (0, 0)


def test_a_malformed_multipart_body_is_a_400_problem_and_stores_nothing(client, user_headers, session):
    # A part header line broken by a bare CR, as schemathesis sent through the gateway.
    part = b'Content-Disposition: form-data; name="file"; filename="a.gpx"\rX'
    body = b"--x\r\n" + part + b"\r\n\r\n<gpx/>\r\n--x--\r\n"
    headers = {**user_headers(7), "Content-Type": "multipart/form-data; boundary=x"}
    answer = client.post("/users/7/imports", content=body, headers=headers)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert stored(session) == (0, 0)
