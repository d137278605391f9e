"""The one rule by which a file and a Strava activity are the same run."""

from datetime import UTC, datetime, timedelta

import pytest

from runnerly_core.sameactivity import same_activity

START = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds_apart", "other_m", "same"),
    [
        (0, 10_000.0, True),
        (60, 10_000.0, True),
        (-60, 10_000.0, True),
        (61, 10_000.0, False),
        (-61, 10_000.0, False),
        (0, 10_300.0, True),  # 300 m of 10.3 km: under 3 % of the longer
        (0, 9_700.0, True),  # 300 m of 10 km: exactly 3 %
        (0, 10_320.0, False),
        (0, 9_690.0, False),
    ],
)
def test_a_run_is_the_same_activity_only_within_a_minute_and_three_percent(seconds_apart, other_m, same):
    other_start = START + timedelta(seconds=seconds_apart)
    assert same_activity(START, 10_000.0, other_start, other_m) is same
    assert same_activity(other_start, other_m, START, 10_000.0) is same


def test_two_runs_without_distance_at_the_same_time_are_one():
    """A treadmill run typed in twice: no distance on either side, same start."""
    assert same_activity(START, 0.0, START + timedelta(seconds=10), 0.0)
