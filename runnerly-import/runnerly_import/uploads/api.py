"""Handlers of /users/{user_id}/imports."""

from __future__ import annotations

from flask import request

from runnerly_core.auth import caller_for
from runnerly_core.responses import ok
from runnerly_import.access import current_runtime
from runnerly_import.extensions import db
from runnerly_import.uploads import services
from runnerly_import.uploads.schemas import job_json


def upload(user_id: int, token_info: dict, body=None, file=None):
    caller_for(user_id, token_info)
    services.refuse_text_parts(request.form.getlist("file"))
    parts = [services.Part(services.clean_name(f.filename), f.read()) for f in request.files.getlist("file")]
    jobs = services.accept(db.session, current_runtime(), user_id, parts)
    return ok({"jobs": [job_json(job) for job in jobs]}, 202, {"Location": f"/users/{user_id}/imports"})


def list_jobs(user_id: int, token_info: dict, status: str | None = None, page: int = 1, per_page: int = 50):
    caller_for(user_id, token_info)
    jobs, total = services.list_jobs(db.session, user_id, status, page, per_page)
    return ok({"items": [job_json(job) for job in jobs], "total": total, "page": page, "per_page": per_page})


def get_job(user_id: int, job_id: int, token_info: dict):
    caller_for(user_id, token_info)
    return ok(job_json(services.get_job(db.session, user_id, job_id)))
