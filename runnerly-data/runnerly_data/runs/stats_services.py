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


def best_effort_curves(session: Session, user_id: int, season_start: date) -> dict:
    """The pace-duration curve of all time and of the season (runs since ``season_start``)."""
    query = select(*COLUMNS, Run.splits).where(Run.user_id == user_id, Run.sport_type.in_(RUNNING_SPORTS))
    runs = [_figures(row, row.splits) for row in session.execute(query)]
    season = [run for run in runs if run.day >= season_start]
    return {
        "season_start": season_start.isoformat(),
        "all_time": stats.best_efforts(runs),
        "season": stats.best_efforts(season),
    }


def routes(session: Session, user_id: int, limit: int) -> list[dict]:
    """The encoded tracks of the runner's newest runs that have one (for the heat map)."""
    query = (
        select(Run.id, Run.polyline)
        .where(Run.user_id == user_id, Run.polyline.is_not(None), Run.polyline != "")
        .order_by(Run.start_time.desc())
        .limit(limit)
    )
    return [{"run_id": row.id, "polyline": row.polyline} for row in session.execute(query)]
