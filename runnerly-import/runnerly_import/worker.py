"""The Celery application of the import workers: the suite's reliable defaults
(:func:`runnerly_core.workers.reliable_config`) and the files queue.

``celery_app`` is the workers' module-level object, bound by :func:`configure` (from the
CLI or a test), never at import. The API only sends messages, through an app of its own
(:func:`sending_app`), so that building it binds nothing global.
"""

from __future__ import annotations

from celery import Celery

from runnerly_core import workers
from runnerly_import.runtime import Runtime
from runnerly_import.settings import SERVICE, ImportSettings


class ImportCelery(Celery):
    runtime: Runtime | None = None


celery_app = ImportCelery("runnerly_import", set_as_current=False, include=["runnerly_import.tasks"])


def configure(app: ImportCelery, runtime: Runtime) -> ImportCelery:
    settings = runtime.settings
    app.conf.update(celery_config(settings, runtime.broker))
    workers.instrument(app, SERVICE, settings.worker_metrics_port, settings.heartbeat_file)
    app.runtime = runtime
    return app


def sending_app(settings: ImportSettings, broker: str) -> ImportCelery:
    """A Celery app that only sends tasks by name (the API's): none are registered on it."""
    app = ImportCelery("runnerly_import.api", set_as_current=False)
    app.conf.update(celery_config(settings, broker))
    workers.instrument(app, SERVICE)
    return app


def celery_config(settings: ImportSettings, broker: str) -> dict:
    return {
        **workers.reliable_config(broker, [settings.files_queue], settings.task_time_limit_seconds),
        "task_routes": {"import.*": {"queue": settings.files_queue}},
    }


class CeleryJobs:
    """:class:`runnerly_import.runtime.Jobs` as Celery messages."""

    def __init__(self, app: ImportCelery) -> None:
        self.app = app

    def import_files(self, job_ids: list[int]) -> None:
        self.app.send_task("import.import_files", args=[job_ids])
