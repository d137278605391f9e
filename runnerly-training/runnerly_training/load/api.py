"""Handlers of /users/{user_id}/load and /users/{user_id}/zones."""

from runnerly_core.dates import parse_date
from runnerly_core.responses import ok
from runnerly_training.access import caller_for
from runnerly_training.extensions import data_service, db
from runnerly_training.load import services


def get_load(user_id: int, token_info: dict, from_: str | None = None, to: str | None = None):
    caller_for(user_id, token_info)
    first, last = parse_date(from_, "from"), parse_date(to, "to")
    return ok(services.runner_load(db.session, data_service, user_id, first, last))


def get_zones(user_id: int, token_info: dict, from_: str | None = None, to: str | None = None):
    caller_for(user_id, token_info)
    first, last = parse_date(from_, "from"), parse_date(to, "to")
    return ok(services.runner_zones(db.session, data_service, user_id, first, last))
