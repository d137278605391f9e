"""The figures of a real upload on /metrics: the worker's task counted under the import
service, the jobs by state, and the files queue's depth asked of RabbitMQ."""

from __future__ import annotations

import requests

from runnerly_core.testing import metric_value
from runnerly_core.testing_suite import wait_until

from ..samples import gpx, ten_k
from .test_upload_flow import finished, upload

TASK = {"service": "runnerly-import", "task": "import.import_files", "outcome": "success"}


def test_an_upload_shows_on_the_metrics_of_the_api_and_the_worker(
    app_url, live_settings, runners, user_headers
):
    before = _scrape(app_url)
    user_id = runners.new()
    headers = user_headers(user_id)
    finished(app_url, user_id, headers, upload(app_url, user_id, headers, ("easy.gpx", gpx(ten_k()))))
    counted = (metric_value(before, "runnerly_celery_tasks_total", **TASK) or 0) + 1
    # The worker runs in this process (threads), so this process's registry holds its counts;
    # a task is counted once it has returned, a moment after its jobs are done.
    after = wait_until(lambda: _scrape_once(app_url, counted), timeout=15, what="the task to be counted")
    assert metric_value(after, "runnerly_import_jobs", state="done") >= 1
    assert metric_value(after, "runnerly_celery_queue_depth", queue=live_settings.files_queue) == 0


def _scrape(app_url: str) -> str:
    return requests.get(f"{app_url}/metrics", timeout=10).text


def _scrape_once(app_url: str, counted: float) -> str | None:
    text = _scrape(app_url)
    return text if (metric_value(text, "runnerly_celery_tasks_total", **TASK) or 0) >= counted else None
