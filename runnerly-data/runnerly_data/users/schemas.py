"""JSON representations of users (the spec is the contract; this only fills it)."""

from runnerly_core.dates import iso_instant
from runnerly_data.users.models import User

FIELDS = (
    "id",
    "email",
    "first_name",
    "last_name",
    "sex",
    "weight_kg",
    "max_heartrate",
    "resting_heartrate",
    "units",
    "timezone",
)


def user_json(user: User) -> dict:
    body = {name: getattr(user, name) for name in FIELDS}
    body["birth_date"] = user.birth_date.isoformat() if user.birth_date else None
    body["created_at"] = iso_instant(user.created_at)
    return body
