"""The import service's /metrics: requests per operation, and its jobs by state."""

from __future__ import annotations

from runnerly_core.testing import metric_value
from runnerly_import.uploads.models import ImportJob, Upload


def add_jobs(session, *statuses: str) -> None:
    upload = Upload(user_id=7, filename="export.zip", size=10, content=b"0123456789")
    session.add(upload)
    session.flush()
    for number, status in enumerate(statuses):
        session.add(ImportJob(user_id=7, upload_id=upload.id, filename=f"{number}.gpx", status=status))
    session.commit()


def test_metrics_count_the_import_jobs_in_each_state(client, session):
    add_jobs(session, "queued", "queued", "parsing", "failed")
    text = client.get("/metrics").text
    counted = {
        state: metric_value(text, "runnerly_import_jobs", state=state)
        for state in ("queued", "parsing", "done", "failed")
    }
    assert counted == {"queued": 2, "parsing": 1, "done": 0, "failed": 1}


def test_metrics_count_uploads_by_operation_and_status(client, user_headers):
    labels = {"service": "runnerly-import", "method": "GET", "status": "200"}
    before = _listed(client, labels)
    assert client.get("/users/7/imports", headers=user_headers(7)).status_code == 200
    assert _listed(client, labels) == before + 1


def _listed(client, labels: dict) -> float:
    text = client.get("/metrics").text
    operation = "runnerly_import.uploads.api.list_jobs"
    return metric_value(text, "runnerly_http_requests_total", operation=operation, **labels) or 0
