"""Runs of one runner: querying, creating by hand, changing and deleting."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, defer

from runnerly_core.problems import bad_request, not_found, precondition_failed
from runnerly_data.events import record_runs_changed
from runnerly_data.plans.matching import link_runs
from runnerly_data.runs.inputs import InvalidRun, prepare
from runnerly_data.runs.models import Run
from runnerly_data.runs.schemas import etag_matches, run_etag
from runnerly_data.users.services import get_user

SORTS = {
    "start_time": Run.start_time.asc(),
    "-start_time": Run.start_time.desc(),
    "distance": Run.distance_m.asc(),
    "-distance": Run.distance_m.desc(),
    "moving_time": Run.moving_time_s.asc(),
    "-moving_time": Run.moving_time_s.desc(),
}


@dataclass(frozen=True)
class RunFilter:
    first_day: date | None = None
    last_day: date | None = None
    source: str | None = None

    @classmethod
    def of(
        cls,
        first_day: date | None,
        last_day: date | None,
        year: int | None,
        month: str | None,
        source: str | None = None,
    ) -> RunFilter:
        """All given filters must hold: ``year`` and ``month`` narrow ``from``/``to``."""
        for start, end in filter(None, (_year(year), _month(month))):
            first_day = max(filter(None, (first_day, start)))
            last_day = min(filter(None, (last_day, end)))
        return cls(first_day, last_day, source)

    def apply(self, query, user_id: int):
        query = query.where(Run.user_id == user_id)
        if self.first_day:
            query = query.where(Run.start_time_local >= datetime.combine(self.first_day, time()))
        if self.last_day:
            next_day = datetime.combine(self.last_day + timedelta(days=1), time())
            query = query.where(Run.start_time_local < next_day)
        if self.source:
            query = query.where(Run.source == self.source)
        return query


def _year(year: int | None) -> tuple[date, date] | None:
    return (date(year, 1, 1), date(year, 12, 31)) if year is not None else None


def _month(month: str | None) -> tuple[date, date] | None:
    """``YYYY-MM`` (the spec checked the pattern) as its first and last day."""
    if month is None:
        return None
    year, number = (int(part) for part in month.split("-"))
    following = date(year + number // 12, number % 12 + 1, 1)
    return date(year, number, 1), following - timedelta(days=1)


# A list shows summaries: loading the large detail columns cost a quarter of its time.
DETAIL_COLUMNS = (Run.description, Run.polyline, Run.splits, Run.laps, Run.raw, Run.streams)


def runs_query(session: Session, user_id: int, run_filter: RunFilter, sort: str):
    get_user(session, user_id)
    query = select(Run).options(*(defer(column) for column in DETAIL_COLUMNS))
    return run_filter.apply(query, user_id).order_by(SORTS[sort], Run.id)


def get_run(session: Session, user_id: int, run_id: int) -> Run:
    run = session.get(Run, run_id)
    if run is None or run.user_id != user_id:
        raise not_found(f"User {user_id} has no run {run_id}.")
    return run


def create_manual_run(session: Session, user_id: int, item: dict) -> Run:
    user = get_user(session, user_id)
    # A run typed in by hand happened where the runner lives, unless they say otherwise.
    prepared = _prepare_or_400({"timezone": user.timezone, **item})
    run = Run(
        user_id=user_id,
        source="manual",
        source_id=uuid.uuid4().hex,
        content_hash=prepared.content_hash,
        **prepared.columns,
    )
    session.add(run)
    session.flush()
    link_runs(session, user_id, [run])
    record_runs_changed(session, user_id, [run.id], "created")
    session.commit()
    return run


def update_run(
    session: Session, user_id: int, run_id: int, changes: dict, if_match: str | None = None
) -> Run:
    run = get_run(session, user_id, run_id)
    if if_match and not etag_matches(if_match, run_etag(run)):
        raise precondition_failed("The run changed since you read it; read it again.")
    base = {
        column: getattr(run, column)
        for column in (
            "distance_m",
            "moving_time_s",
            "elapsed_time_s",
            "start_time",
            "timezone",
            "average_heartrate",
            "max_heartrate",
        )
    }
    prepared = _prepare_or_400(changes, base)
    for column, value in prepared.columns.items():
        setattr(run, column, value)
    run.version += 1
    record_runs_changed(session, user_id, [run.id], "updated")
    session.commit()
    return run


def delete_run(session: Session, user_id: int, run_id: int) -> None:
    session.delete(get_run(session, user_id, run_id))
    record_runs_changed(session, user_id, [run_id], "deleted")
    session.commit()


def delete_runs_of_source(session: Session, user_id: int, source: str) -> int:
    get_user(session, user_id)
    result = session.execute(delete(Run).where(Run.user_id == user_id, Run.source == source))
    session.commit()
    return result.rowcount


def _prepare_or_400(item: dict, base: dict | None = None):
    try:
        return prepare(item, base)
    except InvalidRun as error:
        raise bad_request(str(error), errors=[{"field": error.field, "message": str(error)}]) from None
