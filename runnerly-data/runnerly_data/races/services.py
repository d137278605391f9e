"""The race calendar."""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_core.dates import parse_date
from runnerly_core.problems import conflict, not_found
from runnerly_data.races.models import Race


def races_query(first_day: date | None, last_day: date | None, words: str | None):
    query = select(Race).order_by(Race.date, Race.id)
    if first_day:
        query = query.where(Race.date >= first_day)
    if last_day:
        query = query.where(Race.date <= last_day)
    for word in (words or "").split():
        pattern = f"%{_escape_like(word)}%"
        query = query.where(
            or_(Race.name.ilike(pattern, escape="\\"), Race.location.ilike(pattern, escape="\\"))
        )
    return query


def get_race(session: Session, race_id: int) -> Race:
    race = session.get(Race, race_id)
    if race is None:
        raise not_found(f"There is no race {race_id}.")
    return race


def create_race(session: Session, body: dict, created_by: str) -> Race:
    race = Race(
        name=body["name"].strip(),
        date=parse_date(body["date"], "date"),
        distance_m=body["distance_m"],
        location=body.get("location", "").strip(),
        created_by=created_by,
    )
    session.add(race)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        detail = f"{race.name!r} on {race.date} over {race.distance_m} m is in the calendar already."
        raise conflict(detail) from None
    return race


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
