"""The Celery application of the sync workers: the suite's reliable defaults
(:func:`runnerly_core.workers.reliable_config`), its two queues and the beat schedule.

``celery_app`` is the workers' module-level object, bound by :func:`configure` (from the
CLI or a test), never at import. The API only sends messages, through an app of its own
(:func:`sending_app`), so that building it binds nothing global. Publishing waits for the
broker's confirmation.
"""

from __future__ import annotations

from celery import Celery

from runnerly_core import workers
from runnerly_strava.runtime import Runtime
from runnerly_strava.settings import SERVICE, StravaSettings


class StravaCelery(Celery):
    runtime: Runtime | None = None


celery_app = StravaCelery("runnerly_strava", set_as_current=False, include=["runnerly_strava.tasks"])


# A step commits its cursor, then publishes its follow-up: a publish that gives up while the
# broker restarts would end the chain until the sweep finds it. Workers keep trying for about
# two minutes instead; the API, which answers people, keeps Celery's short default.
WORKER_PUBLISH_RETRY = {"max_retries": 40, "interval_start": 0.5, "interval_step": 0.5, "interval_max": 3}


def configure(app: StravaCelery, runtime: Runtime) -> StravaCelery:
    settings = runtime.settings
    app.conf.update(celery_config(settings, runtime.broker))
    workers.instrument(app, SERVICE, settings.worker_metrics_port, settings.heartbeat_file)
    app.conf.task_publish_retry_policy = WORKER_PUBLISH_RETRY
    app.runtime = runtime
    return app


def sending_app(settings: StravaSettings, broker: str) -> StravaCelery:
    """A Celery app that only sends tasks by name (the API's): none are registered on it."""
    app = StravaCelery("runnerly_strava.api", set_as_current=False)
    app.conf.update(celery_config(settings, broker))
    workers.instrument(app, SERVICE)
    return app


def celery_config(settings: StravaSettings, broker: str) -> dict:
    queues = [settings.sync_queue, settings.details_queue]
    return {
        **workers.reliable_config(broker, queues, settings.task_time_limit_seconds),
        "task_routes": {
            "strava.fetch_details": {"queue": settings.details_queue},
            "strava.*": {"queue": settings.sync_queue},
        },
        "beat_schedule": {
            "incremental-sync": {
                "task": "strava.sync_all",
                "schedule": settings.incremental_sync_minutes * 60,
            },
            "sweep": {"task": "strava.sweep", "schedule": settings.sweep_minutes * 60},
        },
    }


class CeleryJobs:
    """:class:`runnerly_strava.runtime.Jobs` as Celery messages."""

    def __init__(self, app: StravaCelery) -> None:
        self.app = app

    def backfill(self, user_id: int, before: int | None) -> None:
        self.app.send_task("strava.backfill_page", args=[user_id, before])

    def details(self, activity_ids: list[int]) -> None:
        for activity_id in activity_ids:
            self.app.send_task("strava.fetch_details", args=[activity_id])

    def webhook_event(self, event_id: int) -> None:
        self.app.send_task("strava.handle_webhook_event", args=[event_id])

    def incremental(self, user_id: int) -> None:
        self.app.send_task("strava.incremental_sync", args=[user_id])
