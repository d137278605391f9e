"""Handlers of activity file uploads and their import jobs: the import service's, for the
session's runner (whose own user token it checks jobs against)."""

from __future__ import annotations

from flask import request

from runnerly_core.problems import bad_request
from runnerly_core.responses import ok
from runnerly_dashboard.extensions import upstream
from runnerly_dashboard.imports.multipart import MultipartBody
from runnerly_dashboard.upstream import IMPORT, PASSED_ON, Calls

FIELD = "file"
# The import service reads and stores a whole upload (64 MiB by default) before it answers.
UPLOAD_TIMEOUT = (3.05, 120.0)
# Too large (one file over the import service's per-file limit): the runner's to read.
UPLOAD_PASSED_ON = (*PASSED_ON, 413)
JOB_FIELDS = ("id", "filename", "status", "error", "outcome", "run_id", "summary", "created_at", "updated_at")


def _imports(token_info: dict) -> tuple[Calls, str]:
    user_id = token_info["user_id"]
    return upstream.user(user_id, IMPORT), f"/users/{user_id}/imports"


def upload(token_info: dict, body=None, file=None):
    if request.form.getlist(FIELD):
        raise bad_request(f"A part named '{FIELD}' is text, not a file: send each file with its file name.")
    files = [(part.filename or "", part.stream) for part in request.files.getlist(FIELD)]
    if not files:
        raise bad_request(f"The upload has no file: send each one in a part named '{FIELD}'.")
    form = MultipartBody(FIELD, files)
    calls, path = _imports(token_info)
    answer = calls.send(
        "POST",
        path,
        passed_on=UPLOAD_PASSED_ON,
        data=form,
        headers={"Content-Type": form.content_type},
        timeout=UPLOAD_TIMEOUT,
    ).json()
    return ok({"jobs": [job_json(job) for job in answer["jobs"]]}, 202)


def list_jobs(token_info: dict, status: str | None = None, page: int = 1, per_page: int = 20):
    calls, path = _imports(token_info)
    params = {"page": page, "per_page": per_page, **({"status": status} if status else {})}
    answer = calls.get(path, params=params)
    return ok({**answer, "items": [job_json(job) for job in answer["items"]]})


def get_job(job_id: int, token_info: dict):
    calls, path = _imports(token_info)
    return ok(job_json(calls.get(f"{path}/{job_id}")))


def job_json(job: dict) -> dict:
    """What the app shows of a job (the runner's id is the session's already)."""
    return {name: job[name] for name in JOB_FIELDS}
