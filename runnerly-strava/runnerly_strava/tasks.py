"""Celery tasks: thin wrappers that take ids, run one step, and enqueue what follows.

A spent rate window defers the task to the window's reset with Celery's retry (never a
sleep); a daily window parks the work for the beat sweep instead, because a message held
unacknowledged for more than 30 minutes is taken back by RabbitMQ. Either way ``on_wait``
is told why and until when (the backfill shows it to the runner). Network and 5xx
failures retry with exponential backoff and jitter; when retries run out the sweep still
finds the work, so none is lost.

Celery's ``request.retries`` counts every retry, deferrals included, so it cannot be the
transient-failure budget: a long 429 window would spend it before the first 5xx. Each kind
of retry counts in a message header of its own (:data:`RATE_LIMITED`, :data:`TRANSIENT_FAILURES`),
carried from one retry of the task to the next.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from functools import partial

from celery import Task

from runnerly_core.upstream import UpstreamUnavailable
from runnerly_strava import maintenance
from runnerly_strava.links.tokens import LinkRevoked
from runnerly_strava.strava.errors import StravaUnavailable
from runnerly_strava.sync.backfill import backfill_step, note_wait
from runnerly_strava.sync.budget import BudgetExhausted, countdown
from runnerly_strava.sync.details import details_step
from runnerly_strava.sync.incremental import incremental_step
from runnerly_strava.sync.writer import LinkEnded
from runnerly_strava.webhooks.handling import handle_event
from runnerly_strava.worker import celery_app

log = logging.getLogger(__name__)
TRANSIENT = (StravaUnavailable, UpstreamUnavailable)
RATE_LIMITED = "runnerly_rate_limited"  # 429s and spent windows so far: the 429 backoff's exponent
TRANSIENT_FAILURES = "runnerly_transient_failures"  # network errors and 5xx so far: the retry budget


class StepTask(Task):
    acks_late = True
    reject_on_worker_lost = True
    ignore_result = True
    max_retries = None  # deferrals are not failures; transient retries count on their own


def run_step(task: Task, step: Callable, *ids, user_id: int | None = None, on_wait: Callable | None = None):
    runtime = task.app.runtime
    with runtime.sessions() as session:
        try:
            follow_up = step(session, runtime, *ids, attempt=retries_of(task, RATE_LIMITED))
        except BudgetExhausted as exhausted:
            _defer(task, session, exhausted, on_wait)
            return
        except TRANSIENT as error:
            _retry_transient(task, session, error, on_wait)
            return
        except LinkRevoked as revoked:
            log.warning("%s; waiting for Strava's deauthorization event", revoked)
            return
        except LinkEnded as ended:
            session.rollback()
            log.info("%s", ended)
            return
    follow_up.enqueue(runtime.jobs, user_id)
    runtime.events.publish_pending()


def _defer(task: Task, session, exhausted: BudgetExhausted, on_wait: Callable | None) -> None:
    deferral = exhausted.deferral
    if on_wait:
        on_wait(session, deferral.resume_at, "rate_limit_daily" if deferral.daily else "rate_limit_15min")
    if deferral.daily:
        log.info("%s: parked until %s", exhausted, deferral.resume_at)
        return
    _retry_counting(task, RATE_LIMITED, countdown(deferral, time.time()))


def _retry_transient(task: Task, session, error: Exception, on_wait: Callable | None) -> None:
    settings = task.app.runtime.settings
    session.rollback()
    failures = retries_of(task, TRANSIENT_FAILURES)
    if failures >= settings.max_transient_retries:
        log.error("%s: giving up for now, the sweep will try again", error)
        if on_wait:
            on_wait(session, time.time() + 3600, None)  # not a rate window: no reason to show
        return
    delay = backoff(settings.retry_backoff_seconds, failures)
    _retry_counting(task, TRANSIENT_FAILURES, max(delay, settings.retry_backoff_seconds / 2))


def retries_of(task: Task, kind: str) -> int:
    """How many retries of this kind the task has had (0 on its first run)."""
    return int((task.request.headers or {}).get(kind, 0))


def _retry_counting(task: Task, kind: str, countdown: float) -> None:
    """Retry after ``countdown`` seconds, one more of ``kind``; the other count is kept."""
    headers = {**(task.request.headers or {}), kind: retries_of(task, kind) + 1}
    raise task.retry(countdown=countdown, headers=headers)


def backoff(factor: float, retries: int, maximum: float = 600) -> float:
    """Exponential backoff with full jitter. Celery's own helper draws whole seconds with
    ``randrange`` and raises on a fractional factor, which the settings allow."""
    ceiling = min(maximum, factor * 2**retries)
    return random.uniform(0, ceiling)  # noqa: S311 — jitter, not a secret


@celery_app.task(bind=True, base=StepTask, name="strava.backfill_page")
def backfill_page(self: Task, user_id: int, before: int | None) -> None:
    wait = lambda session, resume_at, reason: note_wait(session, user_id, resume_at, reason)  # noqa: E731
    step = partial(backfill_step, redelivered=redelivered(self))
    run_step(self, step, user_id, before, user_id=user_id, on_wait=wait)


def redelivered(task: Task) -> bool:
    """True when RabbitMQ gave this message back after its first worker died holding it."""
    return bool((task.request.delivery_info or {}).get("redelivered"))


@celery_app.task(bind=True, base=StepTask, name="strava.incremental_sync")
def incremental_sync(self: Task, user_id: int) -> None:
    run_step(self, incremental_step, user_id)


@celery_app.task(bind=True, base=StepTask, name="strava.fetch_details")
def fetch_details(self: Task, activity_id: int) -> None:
    run_step(self, details_step, activity_id)


@celery_app.task(bind=True, base=StepTask, name="strava.handle_webhook_event")
def handle_webhook_event(self: Task, event_id: int) -> None:
    run_step(self, handle_event, event_id)


@celery_app.task(bind=True, base=StepTask, name="strava.sync_all")
def sync_all(self: Task) -> None:
    runtime = self.app.runtime
    with runtime.sessions() as session:
        for user_id in maintenance.linked_users(session):
            runtime.jobs.incremental(user_id)


@celery_app.task(bind=True, base=StepTask, name="strava.sweep")
def sweep(self: Task) -> None:
    runtime = self.app.runtime
    with runtime.sessions() as session:
        maintenance.sweep(session, runtime)
    runtime.events.publish_pending()
