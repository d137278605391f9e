"""One task's jobs: claimed, parsed, matched against the runs already there, written in
one bulk upsert, and finished in one transaction with their ``runs.changed`` event.

A redelivered message (the worker died) finds its jobs still ``parsing`` and does them
again: the bulk upsert is idempotent (content hash as source id), so nothing is written
twice. A job already ``done`` or ``failed`` is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from runnerly_core import events
from runnerly_core.dataservice import DataServiceError
from runnerly_import.jobs.matching import Matcher
from runnerly_import.jobs.reading import read_run, summary
from runnerly_import.parsing.track import Refused
from runnerly_import.runtime import Runtime
from runnerly_import.uploads import archives
from runnerly_import.uploads.models import ImportJob, Upload

log = logging.getLogger(__name__)
UNFINISHED = ("queued", "parsing")


@dataclass
class Batch:
    """What became of each job of the task, filled step by step."""

    user_id: int
    runs: dict[int, dict] = field(default_factory=dict)  # job id → its run
    failed: dict[int, str] = field(default_factory=dict)  # job id → why
    matched: dict[int, int] = field(default_factory=dict)  # job id → run id found
    same_as: dict[int, int] = field(default_factory=dict)  # job id → job id of this batch
    written: dict[int, dict] = field(default_factory=dict)  # job id → upsert outcome


def import_step(session: Session, runtime: Runtime, job_ids: list[int], attempt: int = 0) -> None:
    """No transaction stays open while files are parsed or the data service is called: on
    SQLite a worker's transaction holds the write lock, which the other workers wait on."""
    jobs = _claim(session, job_ids)
    for user_id in sorted({job.user_id for job in jobs}):
        mine = [job for job in jobs if job.user_id == user_id]
        batch = Batch(user_id)
        _read(session, runtime, mine, batch)
        _match(runtime, mine, batch)
        _write(runtime, batch)
        _finish(session, runtime, mine, batch)
    session.commit()


def fail_unfinished(session: Session, job_ids: list[int], reason: str) -> None:
    """Give up on jobs the workers could not finish (the data service stayed away)."""
    session.execute(
        update(ImportJob)
        .where(ImportJob.id.in_(job_ids), ImportJob.status.in_(UNFINISHED))
        .values(status="failed", error=reason)
    )
    session.commit()


def _claim(session: Session, job_ids: list[int]) -> list[ImportJob]:
    """The jobs still to do, marked ``parsing`` and committed, so the runner sees it."""
    query = select(ImportJob).where(ImportJob.id.in_(job_ids), ImportJob.status.in_(UNFINISHED))
    jobs = list(session.scalars(query.order_by(ImportJob.id)))
    for job in jobs:
        job.status = "parsing"
    session.commit()
    return jobs


def _read(session: Session, runtime: Runtime, jobs: list[ImportJob], batch: Batch) -> None:
    """Each upload's bytes read once (an archive opened once) for all its jobs; the read
    transaction ends before the first file is parsed."""
    upload_ids = {job.upload_id for job in jobs}
    contents = dict(session.execute(select(Upload.id, Upload.content).where(Upload.id.in_(upload_ids))).all())
    session.commit()
    for upload_id, content in contents.items():
        mine = [job for job in jobs if job.upload_id == upload_id]
        archive = archives.open_archive(content) if content and mine[0].member is not None else None
        stored = archive if archive is not None else content
        for job in mine:
            try:
                batch.runs[job.id] = read_run(job, stored, runtime.settings)
            except Refused as refused:
                batch.failed[job.id] = str(refused)[:1000]


def _match(runtime: Runtime, jobs: list[ImportJob], batch: Batch) -> None:
    if not batch.runs:
        return
    matcher = Matcher(runtime.data, batch.user_id)
    matcher.load_around(list(batch.runs.values()))
    for job in jobs:
        run = batch.runs.get(job.id)
        if run is None:
            continue
        known = matcher.match(run)
        if known is None:
            matcher.remember({**run, "job_id": job.id}, None)
        elif known.get("id") is None:
            batch.same_as[job.id] = known["job_id"]
        else:
            batch.matched[job.id] = known["id"]


def _write(runtime: Runtime, batch: Batch) -> None:
    """One bulk upsert; if the data service refuses it, each run alone, to find the one."""
    # match_existing: the data service checks again under the runner's lock, so a Strava
    # sync of the same activity that crosses this batch still ends as one run.
    pending = [
        (job_id, {**run, "match_existing": True})
        for job_id, run in batch.runs.items()
        if _to_write(job_id, batch)
    ]
    if not pending:
        return
    try:
        outcomes = runtime.data.upsert_runs(batch.user_id, [run for _, run in pending])
    except DataServiceError:
        outcomes = [_upsert_alone(runtime, batch, job_id, run) for job_id, run in pending]
    for (job_id, _), outcome in zip(pending, outcomes, strict=True):
        if outcome is not None:
            batch.written[job_id] = outcome


def _to_write(job_id: int, batch: Batch) -> bool:
    return job_id not in batch.matched and job_id not in batch.same_as


def _upsert_alone(runtime: Runtime, batch: Batch, job_id: int, run: dict) -> dict | None:
    try:
        return runtime.data.upsert_runs(batch.user_id, [run])[0]
    except DataServiceError as error:
        log.warning("job %s: the data service refused the run: %s", job_id, error)
        batch.failed[job_id] = "The data service refused this run; its figures are out of range."
        return None


def _finish(session: Session, runtime: Runtime, jobs: list[ImportJob], batch: Batch) -> None:
    changed: dict[str, list[int]] = {"created": [], "updated": []}
    for job in jobs:
        _settle(job, batch)
        if job.outcome in changed:
            changed[job.outcome].append(job.run_id)
    _record_changes(session, runtime, batch.user_id, changed)
    session.flush()
    _release_uploads(session, {job.upload_id for job in jobs})


def _settle(job: ImportJob, batch: Batch) -> None:
    run = batch.runs.get(job.id)
    if job.id in batch.failed or run is None:
        job.status, job.error = "failed", batch.failed.get(job.id, "The file could not be read.")
        return
    job.status, job.error, job.summary = "done", None, summary(run)
    job.content_hash = run["source_id"]
    if job.id in batch.written:
        job.outcome, job.run_id = batch.written[job.id]["outcome"], batch.written[job.id]["id"]
    elif job.id in batch.matched:
        job.outcome, job.run_id = "matched", batch.matched[job.id]
    else:
        twin = batch.written.get(batch.same_as.get(job.id))
        job.outcome, job.run_id = "matched", twin["id"] if twin else None


def _record_changes(session: Session, runtime: Runtime, user_id: int, changed: dict[str, list[int]]) -> None:
    kinds = [kind for kind, ids in changed.items() if ids]
    if kinds:
        run_ids = sorted({run_id for ids in changed.values() for run_id in ids})
        runtime.events.record(
            session, events.runs_changed(user_id, run_ids, kinds[0] if len(kinds) == 1 else "mixed")
        )


def _release_uploads(session: Session, upload_ids: set[int]) -> None:
    """Clear the bytes of uploads whose every job is finished: nothing is kept longer."""
    unfinished = exists().where(ImportJob.upload_id == Upload.id, ImportJob.status.in_(UNFINISHED))
    session.execute(update(Upload).where(Upload.id.in_(upload_ids), ~unfinished).values(content=None))
