"""When two runs from different sources are one activity: the rule the file import (a file
arriving after its Strava run) and the data service (a Strava run arriving after its file)
share, so that either order ends with one run.

Two runs are the same activity when they started at most ``START_SECONDS`` apart and their
distances differ by at most ``DISTANCE_SHARE`` of the longer one. A watch and Strava agree
on the start to the second, but Strava re-measures the distance from the track, and a file
trimmed or paused differently drifts a little: a minute and 3 % absorb both, while two
distinct runs of one runner (a warm-up and the session) are rarely that close in both.
"""

from __future__ import annotations

from datetime import datetime

START_SECONDS = 60
DISTANCE_SHARE = 0.03


def same_activity(
    start_a: datetime,
    distance_a: float,
    start_b: datetime,
    distance_b: float,
    *,
    start_seconds: float = START_SECONDS,
    distance_share: float = DISTANCE_SHARE,
) -> bool:
    if abs((start_a - start_b).total_seconds()) > start_seconds:
        return False
    return abs(distance_a - distance_b) <= distance_share * max(distance_a, distance_b)
