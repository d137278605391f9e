"""How many webhook events of one athlete may call Strava per minute, across all workers.

Anyone who learns the callback URL can post events, and each one that is checked costs a
Strava call from the budget every athlete shares. So each event takes one unit of its
athlete's allowance for the current minute (one conditional UPDATE, as the rate budget
does: no two workers can take the last unit) before it calls Strava. An event that finds
the allowance spent is left waiting; the beat sweep hands it back later, at most an
allowance's worth per athlete at a time, so a flood for one athlete neither spends the
budget nor pushes other athletes' events back.
"""

from __future__ import annotations

import time

from sqlalchemy import case, or_, update
from sqlalchemy.orm import Session

from runnerly_strava.base import insert_for
from runnerly_strava.webhooks.models import AthleteEventWindow

MINUTE = 60


def take(session: Session, athlete_id: int, per_minute: int) -> bool:
    """Take one unit of the athlete's allowance (committed at once), or say it is spent."""
    start = int(time.time()) // MINUTE * MINUTE
    new_row = {"athlete_id": athlete_id, "window_start": start, "used": 0}
    session.execute(insert_for(session)(AthleteEventWindow).values(new_row).on_conflict_do_nothing())
    same_minute = AthleteEventWindow.window_start == start
    taken = session.execute(
        update(AthleteEventWindow)
        .where(
            AthleteEventWindow.athlete_id == athlete_id,
            or_(~same_minute, AthleteEventWindow.used < per_minute),
        )
        .values(used=case((same_minute, AthleteEventWindow.used + 1), else_=1), window_start=start)
    ).rowcount
    session.commit()
    return taken == 1
