"""Runner profiles: creation, lookup, change, deletion."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runnerly_core.dates import parse_date
from runnerly_core.problems import conflict, not_found
from runnerly_data.events import record_users_deleted
from runnerly_data.timezones import require_timezone
from runnerly_data.users.models import User


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise not_found(f"There is no user {user_id}.")
    return user


def users_query(email: str | None = None):
    query = select(User).order_by(User.id)
    return query.where(User.email == email.lower()) if email else query


def create_user(session: Session, fields: dict) -> User:
    user = User(**_clean(fields))
    session.add(user)
    _flush_unique_email(session, user.email)
    session.commit()
    return user


def update_user(session: Session, user_id: int, changes: dict) -> User:
    user = get_user(session, user_id)
    for name, value in _clean(changes).items():
        setattr(user, name, value)
    _flush_unique_email(session, user.email)
    session.commit()
    return user


def delete_user(session: Session, user_id: int) -> None:
    session.delete(get_user(session, user_id))
    record_users_deleted(session, user_id)
    session.commit()


def _clean(fields: dict) -> dict:
    fields = dict(fields)
    if "email" in fields:
        fields["email"] = fields["email"].strip().lower()
    if "birth_date" in fields:
        fields["birth_date"] = parse_date(fields["birth_date"], "birth_date")
    if "timezone" in fields:
        require_timezone(fields["timezone"])
    return fields


def _flush_unique_email(session: Session, email: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise conflict(f"A user with e-mail {email!r} exists already.") from None
