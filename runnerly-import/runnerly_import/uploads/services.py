"""Accepting an upload: every part checked, then stored with its jobs in one transaction,
and the jobs queued once that transaction has committed.

Nothing is parsed here: the web process only checks names, sizes and, for a ZIP, its
directory. A refused part refuses the whole upload and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerly_core.problems import bad_request, not_found, problem
from runnerly_import.parsing.files import ACTIVITY_SUFFIXES, activity_kind
from runnerly_import.parsing.track import Refused
from runnerly_import.runtime import Runtime
from runnerly_import.settings import ImportSettings
from runnerly_import.uploads import archives
from runnerly_import.uploads.models import ImportJob, Upload

# A task's files: a worker parses them, then writes their runs in one bulk call. Many per
# task saves the data service a request, a lock and a commit per file; a bound on their
# bytes keeps a task of large files within the task time limit.
JOBS_PER_TASK = 100
BYTES_PER_TASK = 64 * 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Part:
    filename: str
    content: bytes


def accept(session: Session, runtime: Runtime, user_id: int, parts: list[Part]) -> list[ImportJob]:
    if not parts:
        raise bad_request("The upload has no file: send each one in a part named 'file'.")
    planned = [(part, _members(part, runtime.settings)) for part in parts]
    jobs, sizes = [], []
    for part, members in planned:
        upload = Upload(user_id=user_id, filename=part.filename, size=len(part.content), content=part.content)
        session.add(upload)
        jobs += [_job(upload, user_id, part.filename, member) for member, _ in members]
        sizes += [size for _, size in members]
    session.add_all(jobs)
    session.commit()
    for task in tasks([job.id for job in jobs], sizes):
        runtime.jobs.import_files(task)
    return jobs


def tasks(job_ids: list[int], sizes: list[int]) -> list[list[int]]:
    """The jobs cut into tasks of at most ``JOBS_PER_TASK`` files and ``BYTES_PER_TASK``
    bytes (a file larger than that makes a task of its own)."""
    cut: list[list[int]] = []
    weight = 0
    for job_id, size in zip(job_ids, sizes, strict=True):
        if not cut or len(cut[-1]) >= JOBS_PER_TASK or weight + size > BYTES_PER_TASK:
            cut.append([])
            weight = 0
        cut[-1].append(job_id)
        weight += size
    return cut


def refuse_text_parts(texts: list[str]) -> None:
    """A part named ``file`` without a file name is a form field, not a file: the schema
    cannot tell them apart (both are strings), so it is refused here."""
    if texts:
        raise bad_request("A part named 'file' is text, not a file: send each file with its file name.")


def get_job(session: Session, user_id: int, job_id: int) -> ImportJob:
    job = session.get(ImportJob, job_id)
    if job is None or job.user_id != user_id:
        raise not_found(f"There is no import job {job_id} for user {user_id}.")
    return job


def list_jobs(session: Session, user_id: int, status: str | None, page: int, per_page: int):
    query = select(ImportJob).where(ImportJob.user_id == user_id)
    if status:
        query = query.where(ImportJob.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(ImportJob.id.desc()).offset((page - 1) * per_page).limit(per_page))
    return list(rows), total


def clean_name(filename: str | None) -> str:
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE.sub("", base)[:255]


def _members(part: Part, settings: ImportSettings) -> list[tuple[str | None, int]]:
    """The jobs a part makes and their sizes: None for the file itself, or the names
    inside a ZIP."""
    name = part.filename
    if not part.content:
        raise bad_request(f"{name or 'A file'} is empty.")
    if archives.is_zip(name):
        try:
            return archives.activity_members(part.content, _archive_limits(settings))
        except Refused as refused:
            raise bad_request(f"{name}: {refused}") from None
    if activity_kind(name) is None:
        accepted = ", ".join((*ACTIVITY_SUFFIXES, ".zip"))
        raise bad_request(
            f"{name or 'A file without a name'} is not an activity file: accepted are {accepted}."
        )
    if len(part.content) > settings.max_file_bytes:
        raise problem(413, "Content Too Large", f"{name} is larger than {settings.max_file_bytes} bytes.")
    return [(None, len(part.content))]


def _job(upload: Upload, user_id: int, filename: str, member: str | None) -> ImportJob:
    shown = filename if member is None else f"{filename}/{member}"
    return ImportJob(user_id=user_id, upload=upload, member=member, filename=shown[:1024], status="queued")


def _archive_limits(settings: ImportSettings) -> archives.ArchiveLimits:
    return archives.ArchiveLimits(
        max_members=settings.max_archive_members,
        max_bytes=settings.max_archive_bytes,
        max_ratio=settings.max_compression_ratio,
        max_file_bytes=settings.max_file_bytes,
    )
