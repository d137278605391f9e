"""Karvonen zones and weekly time in zone."""

from datetime import date

import pytest
from training_helpers import make_run

from runnerly_training.model import HeartRateProfile, HeartRateSample, heart_rate_zones
from runnerly_training.model.zones import weekly_time_in_zones, zone_of

# Resting 50, maximum 190: reserve 140, so zone floors at 120, 134, 148, 162, 176.
PROFILE = HeartRateProfile(resting_hr=50, max_hr=190)


def test_five_karvonen_zones_in_bpm() -> None:
    zones = heart_rate_zones(PROFILE)
    assert [(z.number, z.min_bpm, z.max_bpm) for z in zones] == [
        (1, 120, 134),
        (2, 134, 148),
        (3, 148, 162),
        (4, 162, 176),
        (5, 176, 190),
    ]
    assert zones[0].min_reserve_fraction == 0.5
    assert zones[-1].max_reserve_fraction == 1.0


@pytest.mark.parametrize(
    ("bpm", "zone"), [(100, 0), (119.9, 0), (120, 1), (147, 2), (162, 4), (176, 5), (200, 5)]
)
def test_a_heart_rate_falls_in_one_zone(bpm: float, zone: int) -> None:
    assert zone_of(bpm, PROFILE) == zone


def test_time_in_zone_is_summed_per_iso_week_across_new_year() -> None:
    # 2024-12-30 (Monday) and 2025-01-05 (Sunday) are both in ISO week 2025-W01.
    stream = (HeartRateSample(0, 125), HeartRateSample(20, 170), HeartRateSample(40, 170))
    runs = [
        make_run("avg", date(2024, 12, 30), 10_000, 3600, average_heart_rate=140),
        make_run("stream", date(2025, 1, 5), 200, 40, heart_rate_stream=stream),
        make_run("no-hr", date(2025, 1, 6), 5000, 1500),
    ]
    first, second = weekly_time_in_zones(runs, PROFILE)
    assert (first.week_start, first.iso_year, first.iso_week) == (date(2024, 12, 30), 2025, 1)
    # Below zone 1, zones 1-5: the hour at 140 bpm in zone 2, 20 s in zone 1, 20 s in zone 4.
    assert first.seconds_by_zone == (0, 20, 3600, 0, 20, 0)
    assert first.no_heart_rate_s == 0
    assert second.iso_week == 2
    assert second.seconds_by_zone == (0,) * 6
    assert second.no_heart_rate_s == 1500
