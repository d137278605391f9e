"""Handlers of /users/{user_id}/stats and /records."""

from datetime import UTC, datetime

from runnerly_core.auth import caller_for
from runnerly_core.dates import parse_date
from runnerly_core.responses import ok
from runnerly_data.extensions import db
from runnerly_data.runs import stats, stats_services
from runnerly_data.users.services import get_user


def totals(user_id: int, period: str, token_info: dict, from_: str | None = None, to: str | None = None):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    today = datetime.now(UTC).date()
    first, last = stats.default_range(parse_date(from_, "from"), parse_date(to, "to"), today)
    return ok(
        {"period": period, "totals": stats_services.period_totals(db.session, user_id, period, first, last)}
    )


def records(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    return ok({"records": stats_services.personal_records(db.session, user_id)})


def best_efforts(user_id: int, token_info: dict, from_: str | None = None):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    season_start = parse_date(from_, "from") or datetime.now(UTC).date().replace(month=1, day=1)
    return ok(stats_services.best_effort_curves(db.session, user_id, season_start))


def routes(user_id: int, token_info: dict, limit: int = 500):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    return ok({"routes": stats_services.routes(db.session, user_id, limit)})
