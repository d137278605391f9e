"""A runner's shoes: adding, changing, retiring, wearing them on runs, and their mileage.

A run is worn in the pair it was assigned to, else in the default pair of its run type
(from that pair's ``since`` day on). Mileage is summed when asked, so runs synced later
count at once without any hook in the upsert.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_core.dates import parse_date
from runnerly_core.problems import conflict, not_found
from runnerly_data.runs.models import Run
from runnerly_data.runs.services import get_run
from runnerly_data.shoes.models import RunShoe, Shoe
from runnerly_data.users.services import get_user

MAX_SHOES = 100  # pairs per runner: a bound on the list and on the mileage queries
FIELDS = ("name", "brand", "default_for", "initial_distance_m", "retire_at_m", "retired")


def list_shoes(session: Session, user_id: int) -> list[Shoe]:
    get_user(session, user_id)
    query = select(Shoe).where(Shoe.user_id == user_id).order_by(Shoe.retired, Shoe.id)
    return list(session.scalars(query))


def get_shoe(session: Session, user_id: int, shoe_id: int) -> Shoe:
    shoe = session.get(Shoe, shoe_id)
    if shoe is None or shoe.user_id != user_id:  # another runner's pair is not there for you
        raise not_found(f"User {user_id} has no shoe {shoe_id}.")
    return shoe


def create_shoe(session: Session, user_id: int, body: dict) -> Shoe:
    get_user(session, user_id)
    count = session.scalar(select(func.count()).select_from(Shoe).where(Shoe.user_id == user_id))
    if count >= MAX_SHOES:
        raise conflict(f"A runner keeps at most {MAX_SHOES} pairs: delete a retired one first.")
    shoe = Shoe(user_id=user_id, name="")
    return _save(session, shoe, body)


def update_shoe(session: Session, user_id: int, shoe_id: int, body: dict) -> Shoe:
    return _save(session, get_shoe(session, user_id, shoe_id), body)


def delete_shoe(session: Session, user_id: int, shoe_id: int) -> None:
    session.delete(get_shoe(session, user_id, shoe_id))
    session.commit()


def _save(session: Session, shoe: Shoe, body: dict) -> Shoe:
    for field in FIELDS:
        if field in body:
            setattr(shoe, field, body[field].strip() if isinstance(body[field], str) else body[field])
    if "since" in body:
        shoe.since = parse_date(body["since"], "since")
    if shoe.retired:
        shoe.default_for = None  # a retired pair is worn no more, not even by default
    session.add(shoe)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise conflict(f"Another pair is the default for {shoe.default_for} runs already.") from None
    return shoe


def assign(session: Session, user_id: int, run_id: int, shoe_id: int | None) -> None:
    """Wear a run in a pair, or (``None``) give it back to its type's default pair."""
    run = get_run(session, user_id, run_id)
    current = session.get(RunShoe, run.id)
    if shoe_id is None:
        if current:
            session.delete(current)
    else:
        get_shoe(session, user_id, shoe_id)
        session.merge(RunShoe(run_id=run.id, shoe_id=shoe_id))
    session.commit()


def worn_in(shoe: Shoe):
    """The condition on runs (outer-joined to their assignment) worn in ``shoe``."""
    assigned = RunShoe.shoe_id == shoe.id
    if not shoe.default_for:
        return assigned
    by_default = and_(RunShoe.run_id.is_(None), Run.sport_type == shoe.default_for)
    if shoe.since:
        by_default = and_(by_default, Run.start_time_local >= shoe.since)
    return or_(assigned, by_default)


def mileage(session: Session, shoe: Shoe) -> tuple[float, int]:
    """Distance worn (with the distance before it was added) and the number of runs."""
    query = (
        select(func.coalesce(func.sum(Run.distance_m), 0.0), func.count(Run.id))
        .outerjoin(RunShoe, RunShoe.run_id == Run.id)
        .where(Run.user_id == shoe.user_id, worn_in(shoe))
    )
    distance, runs = session.execute(query).one()
    return shoe.initial_distance_m + float(distance), int(runs)


def shoe_of_run(session: Session, user_id: int, run_id: int) -> Shoe | None:
    run = get_run(session, user_id, run_id)
    assigned = session.get(RunShoe, run.id)
    if assigned:
        return session.get(Shoe, assigned.shoe_id)
    query = select(Shoe).where(Shoe.user_id == user_id, Shoe.default_for == run.sport_type)
    default = session.scalar(query)
    if default and (default.since is None or run.start_time_local.date() >= default.since):
        return default
    return None
