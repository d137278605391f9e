"""The Celery application of the import workers, and its reliable defaults.

``celery_app`` is a module-level object bound by :func:`configure` (from the CLI, the app
factory or a test), never at import. Messages are acknowledged after the task ran
(``acks_late``) and given back if the worker dies; each worker takes one message at a
time; publishing waits for the broker's confirmation.
"""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from runnerly_core import events
from runnerly_import.runtime import Runtime
from runnerly_import.settings import ImportSettings


class ImportCelery(Celery):
    runtime: Runtime | None = None


celery_app = ImportCelery("runnerly_import", set_as_current=False, include=["runnerly_import.tasks"])


def configure(app: ImportCelery, runtime: Runtime) -> ImportCelery:
    app.conf.update(celery_config(runtime.settings, runtime.broker))
    app.runtime = runtime
    return app


def celery_config(settings: ImportSettings, broker: str) -> dict:
    limit = settings.task_time_limit_seconds
    return {
        "broker_url": broker,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": events.transport_options(broker),
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_time_limit": limit,
        "task_soft_time_limit": limit - 30 if limit > 60 else limit,
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_default_queue": settings.files_queue,
        "task_queues": [Queue(settings.files_queue, durable=True)],
        "task_routes": {"import.*": {"queue": settings.files_queue}},
        "timezone": "UTC",
    }


class CeleryJobs:
    """:class:`runnerly_import.runtime.Jobs` as Celery messages."""

    def __init__(self, app: ImportCelery) -> None:
        self.app = app

    def import_files(self, job_ids: list[int]) -> None:
        self.app.send_task("import.import_files", args=[job_ids])
