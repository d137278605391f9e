"""What the statistics read from the database: only the columns they need, for one runner
(the aggregation is :mod:`runnerly_data.runs.stats`' work, in Python)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from runnerly_core.sports import RUNNING_SPORTS
from runnerly_data.runs import stats
from runnerly_data.runs.models import Run
from runnerly_data.runs.services import RunFilter

COLUMNS = (Run.id, Run.start_time_local, Run.distance_m, Run.moving_time_s, Run.elevation_gain_m)


def period_totals(session: Session, user_id: int, period: str, first: date, last: date) -> list[dict]:
    """One row per week or month from ``first`` to ``last``, empty periods included."""
    query = RunFilter(first, last).apply(select(*COLUMNS), user_id)
    runs = [_figures(row) for row in session.execute(query)]
    return stats.totals(runs, first, last, period)


def personal_records(session: Session, user_id: int) -> list[dict]:
    """The runner's fastest times over the record distances, and their longest run."""
    query = select(*COLUMNS, Run.splits).where(Run.user_id == user_id, Run.sport_type.in_(RUNNING_SPORTS))
    runs = [_figures(row, row.splits) for row in session.execute(query)]
    return stats.records(runs)


def _figures(row, splits=None) -> stats.RunFigures:
    return stats.RunFigures(
        row.id, row.start_time_local.date(), row.distance_m, row.moving_time_s, row.elevation_gain_m, splits
    )
