"""The dashboard's Celery app: mail sending and the monthly report.

``celery_app`` is the workers', bound by :func:`configure` (the CLI or a test), never at
import; the API sends through an app of its own (:func:`sending_app`). Both run with the
suite's reliable defaults (:func:`runnerly_core.workers.reliable_config`); only one beat
may run per deployment.
"""

from __future__ import annotations

from collections.abc import Callable

from celery import Celery
from celery.schedules import crontab

from runnerly_core import workers
from runnerly_core.brokers import broker_for
from runnerly_dashboard.settings import SERVICE, DashboardSettings

QUEUE = "dashboard"

celery_app = Celery("runnerly_dashboard", set_as_current=False, include=["runnerly_dashboard.tasks"])


def configure(app: Celery, settings: DashboardSettings) -> Celery:
    app.conf.update(celery_config(settings))
    workers.instrument(app, SERVICE, settings.worker_metrics_port, settings.heartbeat_file)
    return app


def celery_config(settings: DashboardSettings) -> dict:
    return {
        **workers.reliable_config(broker_for(settings.broker_url), [QUEUE]),
        "beat_schedule": {
            # On the 1st, early UTC: last month is over in every time zone by then.
            "monthly-report": {
                "task": "dashboard.monthly_reports",
                "schedule": crontab(0, 14, day_of_month="1"),
            },
            "mail-sweep": {"task": "dashboard.send_pending_mail", "schedule": 60.0},
            "prune": {"task": "dashboard.prune", "schedule": crontab(30, 3)},
        },
    }


def sending_app(settings: DashboardSettings) -> Celery:
    """A Celery app that only sends tasks by name (the API's): none are registered on it,
    and the workers' ``celery_app`` stays unbound in a web process."""
    app = Celery("runnerly_dashboard.api", set_as_current=False)
    app.conf.update(celery_config(settings))
    return workers.instrument(app, SERVICE)


def celery_enqueue(app: Celery) -> Callable[[int], None]:
    """How a process hands a mail to the workers, through ``app``."""

    def enqueue(mail_id: int) -> None:
        app.send_task("dashboard.send_mail", args=[mail_id])

    return enqueue
