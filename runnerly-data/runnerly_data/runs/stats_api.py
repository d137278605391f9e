"""Handlers of /users/{user_id}/stats and /records."""

from datetime import UTC, datetime

from sqlalchemy import select

from runnerly_core.auth import caller_for
from runnerly_core.responses import ok
from runnerly_data.extensions import db
from runnerly_data.parsing import parse_date
from runnerly_data.runs import stats
from runnerly_data.runs.models import Run
from runnerly_data.runs.services import RunFilter
from runnerly_data.users.services import get_user

COLUMNS = (Run.id, Run.start_time_local, Run.distance_m, Run.moving_time_s, Run.elevation_gain_m)


def totals(user_id: int, period: str, token_info: dict, from_: str | None = None, to: str | None = None):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    first, last = stats.default_range(
        parse_date(from_, "from"), parse_date(to, "to"), datetime.now(UTC).date()
    )
    query = RunFilter(first, last).apply(select(*COLUMNS), user_id)
    runs = [_figures(row) for row in db.session.execute(query)]
    return ok({"period": period, "totals": stats.totals(runs, first, last, period)})


def records(user_id: int, token_info: dict):
    caller_for(user_id, token_info)
    get_user(db.session, user_id)
    query = select(*COLUMNS, Run.splits).where(
        Run.user_id == user_id, Run.sport_type.in_(stats.RUNNING_SPORTS)
    )
    runs = [_figures(row, row.splits) for row in db.session.execute(query)]
    return ok({"records": stats.records(runs)})


def _figures(row, splits=None) -> stats.RunFigures:
    return stats.RunFigures(
        row.id, row.start_time_local.date(), row.distance_m, row.moving_time_s, row.elevation_gain_m, splits
    )
