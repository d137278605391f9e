"""A runner's training load and zones over a range of days, from their snapshot."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from runnerly_core.dates import iso_instant
from runnerly_training.datasource import DataSource
from runnerly_training.dates import monday_of
from runnerly_training.load.documents import DEFAULT_RANGE_DAYS
from runnerly_training.snapshots.services import Snapshot, current_snapshot


def runner_load(
    session: Session, source: DataSource, user_id: int, first: date | None, last: date | None
) -> dict:
    snapshot = current_snapshot(session, source, user_id)
    first, last = answered_range(first, last, snapshot)
    return {**_heading(snapshot, first, last), "days": days_between(snapshot.load, first, last)}


def runner_zones(
    session: Session, source: DataSource, user_id: int, first: date | None, last: date | None
) -> dict:
    snapshot = current_snapshot(session, source, user_id)
    first, last = answered_range(first, last, snapshot)
    return {
        **_heading(snapshot, first, last),
        "zones": snapshot.load["zones"],
        "weeks": weeks_between(snapshot.load, first, last),
    }


def answered_range(first: date | None, last: date | None, snapshot: Snapshot) -> tuple[date, date]:
    """The part of the asked range inside the kept year (``first > last`` when empty)."""
    as_of, kept_first = snapshot.as_of, date.fromisoformat(snapshot.load["first_day"])
    last = min(last or as_of, as_of)
    if last < kept_first:
        return kept_first, last
    first = first or last - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    return max(first, kept_first), last


def days_between(document: dict, first: date, last: date) -> list[dict]:
    return [day for day in document["days"] if first.isoformat() <= day["date"] <= last.isoformat()]


def weeks_between(document: dict, first: date, last: date) -> list[dict]:
    """The ISO weeks that overlap the range."""
    start, end = monday_of(first).isoformat(), last.isoformat()
    return [week for week in document["weeks"] if first <= last and start <= week["week_start"] <= end]


def _heading(snapshot: Snapshot, first: date, last: date) -> dict:
    return {
        "user_id": snapshot.user_id,
        "as_of": snapshot.as_of.isoformat(),
        "computed_at": iso_instant(snapshot.computed_at),
        "from": first.isoformat(),
        "to": last.isoformat(),
        "profile": snapshot.load["profile"],
    }
