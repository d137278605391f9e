"""Figures the on-call person watches, read when scraped: import jobs by state (a pile of
``queued`` jobs with an empty queue means the workers are gone) and the files queue's
depth. The API process reports them for every worker (they share the database)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerly_core.metrics import GaugeCollector, jobs_by_state
from runnerly_core.workers import queue_depth_collector
from runnerly_import.uploads.models import STATUSES, ImportJob

Sessions = Callable[[], Session]


def collectors(sessions: Sessions, broker: str, queues: list[str]) -> list[GaugeCollector]:
    return [
        jobs_by_state("runnerly_import_jobs", lambda: jobs_per_state(sessions)),
        queue_depth_collector(broker, queues),
    ]


def jobs_per_state(sessions: Sessions) -> dict[str, int]:
    """Every state, 0 when no job is in it, so that a graph has no gaps."""
    query = select(ImportJob.status, func.count()).group_by(ImportJob.status)
    with sessions() as session:
        counted = dict(session.execute(query).all())
    return {state: counted.get(state, 0) for state in STATUSES}
