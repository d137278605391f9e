"""Celery tasks: thin wrappers that take job ids and run one step.

Network failures and 5xx answers of the data service retry with exponential backoff and
jitter; when retries run out the jobs fail with a reason the runner can act on. Every
other problem with a file fails that file's job inside the step.
"""

from __future__ import annotations

import logging

from celery import Task
from celery.utils.time import get_exponential_backoff_interval
from sqlalchemy.exc import OperationalError

from runnerly_core.dataservice import DataServiceUnavailable
from runnerly_import.jobs.processing import fail_unfinished, import_step
from runnerly_import.worker import celery_app

log = logging.getLogger(__name__)
# The data service away, or (SQLite) another worker holding the write lock too long.
TRANSIENT = (DataServiceUnavailable, OperationalError)
GAVE_UP = "The import could not finish (the data service or the database stayed away); upload the file again."


class StepTask(Task):
    acks_late = True
    reject_on_worker_lost = True
    ignore_result = True
    max_retries = None  # counted against max_transient_retries below


@celery_app.task(bind=True, base=StepTask, name="import.import_files")
def import_files(self: Task, job_ids: list[int]) -> None:
    runtime = self.app.runtime
    with runtime.sessions() as session:
        try:
            import_step(session, runtime, job_ids, attempt=self.request.retries)
        except TRANSIENT as error:
            session.rollback()
            _retry_or_give_up(self, session, job_ids, error)
            return
    runtime.events.publish_pending()


def _retry_or_give_up(task: Task, session, job_ids: list[int], error: Exception) -> None:
    settings = task.app.runtime.settings
    if task.request.retries >= settings.max_transient_retries:
        log.error("jobs %s: %s; giving up", job_ids, error)
        fail_unfinished(session, job_ids, GAVE_UP)
        return
    delay = get_exponential_backoff_interval(
        factor=settings.retry_backoff_seconds, retries=task.request.retries, maximum=600, full_jitter=True
    )
    raise task.retry(countdown=max(delay, settings.retry_backoff_seconds / 2))
