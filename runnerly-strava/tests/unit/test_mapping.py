"""Strava activities as the data service's SourcedRun."""

import pytest

from runnerly_strava.sync import mapping

from .conftest import activity


@pytest.mark.parametrize(
    ("label", "zone"),
    [
        ("(GMT+00:00) Europe/London", "Europe/London"),
        ("(GMT-08:00) America/Los_Angeles", "America/Los_Angeles"),
        ("(GMT+05:30) Asia/Kolkata", "Asia/Kolkata"),
        ("Europe/Paris", "Europe/Paris"),
        ("(GMT+01:00) Mars/Olympus_Mons", "UTC"),
        (None, "UTC"),
    ],
)
def test_it_turns_stravas_timezone_label_into_an_iana_name(label, zone):
    assert mapping.iana_zone(label) == zone


def test_a_summary_becomes_a_sourced_run():
    run = mapping.summary_run(activity(9001, workout_type=1))
    assert run == {
        "source": "strava",
        "source_id": "9001",
        "name": "Morning Run",
        "sport_type": "Run",
        "is_race": True,
        "start_time": "2026-03-01T08:30:00Z",
        "timezone": "Europe/London",
        "distance_m": 10012.3,
        "moving_time_s": 2950,
        "elapsed_time_s": 3010,
        "elevation_gain_m": 41.2,
        "average_speed_mps": 3.394,
        "max_speed_mps": 4.8,
        "average_cadence": 84.1,
        "polyline": "_p~iF~ps|U_ulLnnqC",
        "average_heartrate": 148.2,
        "max_heartrate": 171.0,
    }


@pytest.mark.parametrize("sport_type", ["Run", "TrailRun", "VirtualRun"])
def test_every_kind_of_run_is_a_run(sport_type):
    assert mapping.summary_run(activity(1, sport_type=sport_type, type="Run"))["sport_type"] == sport_type


@pytest.mark.parametrize("sport_type", ["Ride", "Swim", "Walk", "Hike", "WeightTraining"])
def test_other_sports_are_not_runs(sport_type):
    assert mapping.summary_run(activity(1, sport_type=sport_type, type=sport_type)) is None


def test_numbers_outside_the_data_services_ranges_are_dropped_not_sent():
    run = mapping.summary_run(
        activity(
            1,
            average_heartrate=190.0,
            max_heartrate=170.0,
            max_speed=250.0,
            moving_time=3100,
            elapsed_time=3000,
            name="Run\x07 with a bell",
        )
    )
    assert "average_heartrate" not in run
    assert "max_heartrate" not in run
    assert "max_speed_mps" not in run
    assert run["elapsed_time_s"] == run["moving_time_s"] == 3100
    assert run["name"] == "Run  with a bell"


def test_a_manual_entry_with_only_elapsed_time_keeps_it_as_moving_time():
    run = mapping.summary_run(activity(1, moving_time=0, elapsed_time=1800, map={}))
    assert (run["moving_time_s"], run["elapsed_time_s"]) == (1800, 1800)
    assert "polyline" not in run


def test_a_detailed_activity_adds_description_splits_laps_and_the_full_track():
    detailed = activity(
        5,
        description="Tempo",
        map={"summary_polyline": "abc", "polyline": "abcdef"},
        splits_metric=[
            {
                "split": 1,
                "distance": 1000.0,
                "moving_time": 290,
                "elapsed_time": 291,
                "elevation_difference": -1.2,
                "average_speed": 3.45,
                "pace_zone": 3,
            }
        ],
        laps=[
            {
                "lap_index": 1,
                "distance": 5000.0,
                "moving_time": 1450,
                "elapsed_time": 1460,
                "average_speed": 3.45,
                "max_speed": 4.1,
                "start_date": "2026-03-01T08:30:00Z",
            }
        ],
    )
    run = mapping.detailed_run(detailed)
    assert run["description"] == "Tempo"
    assert run["polyline"] == "abcdef"
    assert run["splits"] == [
        {
            "split": 1,
            "distance_m": 1000.0,
            "moving_time_s": 290,
            "elapsed_time_s": 291,
            "elevation_difference_m": -1.2,
            "average_speed_mps": 3.45,
        }
    ]
    assert run["laps"][0]["start_time"] == "2026-03-01T08:30:00Z"


def test_social_counters_do_not_change_the_summary_fingerprint():
    assert mapping.summary_hash(activity(1, kudos_count=3)) == mapping.summary_hash(
        activity(1, kudos_count=9)
    )
    assert mapping.summary_hash(activity(1)) != mapping.summary_hash(activity(1, name="Renamed"))
