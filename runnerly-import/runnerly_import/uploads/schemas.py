"""JSON representation of an import job."""

from runnerly_core.dates import iso_instant
from runnerly_import.uploads.models import ImportJob


def job_json(job: ImportJob) -> dict:
    return {
        "id": job.id,
        "user_id": job.user_id,
        "filename": job.filename,
        "status": job.status,
        "error": job.error,
        "outcome": job.outcome,
        "run_id": job.run_id,
        "summary": job.summary,
        "created_at": iso_instant(job.created_at),
        "updated_at": iso_instant(job.updated_at),
    }
