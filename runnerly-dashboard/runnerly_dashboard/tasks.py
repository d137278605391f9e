"""Celery tasks: thin wrappers that take ids; the work is in the modules they call."""

from __future__ import annotations

from celery import Task

from runnerly_dashboard import housekeeping
from runnerly_dashboard.extensions import db, mailer
from runnerly_dashboard.reports import monthly
from runnerly_dashboard.worker import celery_app


class ReliableTask(Task):
    acks_late = True
    reject_on_worker_lost = True
    ignore_result = True
    # The SMTP relay or a service away: back off and retry; a report that failed half-way
    # committed nothing, so its retry starts afresh.
    autoretry_for = (Exception,)
    retry_backoff = True
    retry_backoff_max = 600
    max_retries = 8


@celery_app.task(name="dashboard.send_mail", base=ReliableTask)
def send_mail(mail_id: int) -> bool:
    return mailer.send(mail_id)


@celery_app.task(name="dashboard.send_pending_mail", base=ReliableTask)
def send_pending_mail() -> int:
    return mailer.send_pending()


@celery_app.task(name="dashboard.prune", base=ReliableTask)
def prune() -> dict[str, int]:
    with db.new_session() as session:
        return housekeeping.prune(session)


@celery_app.task(name="dashboard.monthly_reports", base=ReliableTask)
def monthly_reports(month: str | None = None) -> int:
    return monthly.fan_out(month, lambda account_id, month: monthly_report.delay(account_id, month))


@celery_app.task(name="dashboard.monthly_report", base=ReliableTask)
def monthly_report(account_id: int, month: str) -> bool:
    return monthly.report(account_id, month)
