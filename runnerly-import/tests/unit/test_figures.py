"""What a run gets from a file, against figures computed by hand."""

from __future__ import annotations

import math

import polyline
import pytest

from runnerly_import.activity.run import Limits, sourced_run
from runnerly_import.parsing import files
from runnerly_import.parsing.track import Refused

from ..samples import PARIS, Activity, Point, fit, gpx, metres_to_degrees, run_north, tcx, ten_k

LIMITS = Limits(max_average_speed_mps=12.5, max_elapsed_seconds=7 * 86400)
HASH = "a" * 64


def run_of(kind: str, content: bytes) -> dict:
    return sourced_run(files.parse(kind, content), HASH, LIMITS)


def test_the_distance_is_the_haversine_sum_of_the_steps():
    # Three legs along the equator and a meridian: R x angle, by hand.
    legs = [(0.0, 0.0), (0.0, 0.01), (0.01, 0.01), (0.03, 0.01)]
    points = [Point(i * 600, lat, lon) for i, (lat, lon) in enumerate(legs)]
    run = run_of("gpx", gpx(Activity(points)))
    by_hand = 6_371_000 * math.radians(0.01) * (1 + 1 + 2)
    assert run["distance_m"] == pytest.approx(by_hand, abs=0.1)
    assert run["distance_m"] == pytest.approx(4447.8, abs=0.1)


def test_a_pause_counts_in_elapsed_time_but_not_in_moving_time():
    # 30 min at 3 m/s with the watch silent from minute 10 to minute 15 (standing still).
    points = run_north(1800, speed=3.0, pause=(600, 900))
    run = run_of("gpx", gpx(Activity(points)))
    assert run["elapsed_time_s"] == 1800
    assert run["moving_time_s"] == 1800 - 300
    assert run["distance_m"] == pytest.approx(3.0 * 1500, abs=0.5)
    assert run["average_speed_mps"] == pytest.approx(3.0, abs=0.001)


def test_standing_still_while_the_watch_records_is_not_moving():
    still = [Point(t, PARIS[0], PARIS[1]) for t in range(0, 120)]
    moving = [Point(120 + p.t, p.lat, p.lon) for p in run_north(600, speed=3.0)]
    run = run_of("gpx", gpx(Activity(still + moving)))
    assert run["elapsed_time_s"] == 720
    assert run["moving_time_s"] == 600


def test_gps_altitude_noise_adds_no_elevation_but_a_real_climb_counts():
    noisy_flat = run_north(1200, ele=lambda t: 100 + (1.2 if t % 4 == 0 else -1.2))
    assert run_of("gpx", gpx(Activity(noisy_flat)))["elevation_gain_m"] == 0.0
    # A steady 60 m climb over 10 minutes with the same ±1.2 m noise on top, then flat.
    climb = run_north(1200, ele=lambda t: 100 + min(t, 600) / 10 + (1.2 if t % 4 == 0 else -1.2))
    gain = run_of("gpx", gpx(Activity(climb)))["elevation_gain_m"]
    assert 57 <= gain <= 63  # 60 m by hand; the 3 m band may cost or add less than one band
    # The raw sum of the ups would have been about 2.4 m x 600 wobbles:
    assert gain < 100


def test_splits_are_per_kilometre_with_the_last_one_partial():
    run = run_of("gpx", gpx(Activity(run_north(1000, speed=3.5))))  # 3.5 km in 1,000 s
    splits = run["splits"]
    assert [s["split"] for s in splits] == [1, 2, 3, 4]
    assert [round(s["distance_m"]) for s in splits] == [1000, 1000, 1000, 500]
    assert splits[0]["moving_time_s"] == pytest.approx(1000 / 3.5, abs=1)
    assert splits[0]["average_speed_mps"] == pytest.approx(3.5, abs=0.01)
    assert splits[0]["average_heartrate"] == 150


def test_best_efforts_find_the_fastest_stretch_anywhere():
    # 2 km at 4 m/s, then 1 km at 5 m/s (200 s), then 2 km at 4 m/s.
    speeds = [(0, 500, 4.0), (500, 700, 5.0), (700, 1200, 4.0)]
    points, metres = [], 0.0
    for t in range(0, 1201):
        if t:
            metres += next(speed for first, last, speed in speeds if first < t <= last)
        points.append(Point(t, PARIS[0] + metres_to_degrees(metres), PARIS[1]))
    efforts = run_of("gpx", gpx(Activity(points)))["raw"]["best_efforts_s"]
    assert efforts["1k"] == 200
    assert efforts["400m"] == 80
    assert efforts["1 mile"] == round(200 + 609.344 / 4)
    assert "10k" not in efforts  # 5 km run


def test_heart_rate_and_cadence_give_averages_and_maxima():
    points = run_north(600, hr=lambda t: 140 if t < 300 else 160, cad=lambda t: 0 if t < 10 else 88)
    run = run_of("gpx", gpx(Activity(points)))
    assert run["average_heartrate"] == pytest.approx(150, abs=0.2)
    assert run["max_heartrate"] == 160
    assert run["average_cadence"] == 88  # strides per minute, per leg as Strava counts; zeros are stops


@pytest.mark.parametrize("kind", ["gpx", "tcx", "fit"])
def test_the_heart_rate_and_cadence_streams_are_kept_with_their_times(kind):
    points = run_north(20, every=5, hr=lambda t: None if t == 10 else 140 + t, cad=lambda t: 85)
    content = {"gpx": gpx, "tcx": tcx, "fit": fit}[kind](Activity(points))
    streams = run_of(kind, content)["streams"]
    assert streams == {"time_s": "0,5,10,15,20", "heartrate": "140,145,,155,160", "cadence": "85,85,85,85,85"}


def test_a_track_without_heart_rate_or_cadence_sends_no_streams():
    run = run_of("gpx", gpx(Activity(run_north(600, hr=lambda t: None, cad=lambda t: None))))
    assert "streams" not in run
    assert "average_heartrate" not in run


def test_the_polyline_is_the_track_and_the_zone_is_where_it_starts():
    run = run_of("gpx", gpx(ten_k()))
    track = polyline.decode(run["polyline"], 5)
    assert track[0] == pytest.approx(PARIS, abs=1e-5)
    assert len(track) == 1601
    assert run["polyline"] == polyline.encode([tuple(p) for p in track], 5)  # the library's own output
    assert run["timezone"] == "Europe/Paris"
    assert run["start_time"] == "2026-03-01T07:30:00Z"
    assert run["name"] == "Tempo 10k"
    tokyo = Activity(run_north(600, start=(35.68, 139.76)), name=None)
    tokyo_run = run_of("gpx", gpx(tokyo))
    assert tokyo_run["timezone"] == "Asia/Tokyo"
    assert tokyo_run["name"] == "Afternoon Run"  # 07:30Z is 16:30 in Tokyo


@pytest.mark.parametrize("kind", ["gpx", "tcx", "fit"])
def test_gpx_tcx_and_fit_of_one_activity_give_the_same_run(kind):
    activity = ten_k()
    content = {"gpx": gpx, "tcx": tcx, "fit": fit}[kind](activity)
    run = run_of(kind, content)
    assert run["distance_m"] == pytest.approx(10_000, abs=2)
    assert run["moving_time_s"] == 3200
    assert run["elapsed_time_s"] == 3200
    assert run["average_speed_mps"] == pytest.approx(3.125, abs=0.002)
    assert (run["average_heartrate"], run["average_cadence"]) == (150, 85)
    assert len(run["splits"]) == 10
    assert run["sport_type"] == "Run"
    assert run["timezone"] == "Europe/Paris"


@pytest.mark.parametrize("kind", ["tcx", "fit"])
def test_laps_come_from_the_file(kind):
    activity = ten_k()
    activity.lap_offsets = [0, 1600]
    run = run_of(kind, {"tcx": tcx, "fit": fit}[kind](activity))
    laps = run["laps"]
    assert [lap["lap_index"] for lap in laps] == [1, 2]
    assert [round(lap["distance_m"]) for lap in laps] == [5000, 5000]
    assert laps[1]["start_time"] == "2026-03-01T07:56:40Z"
    assert laps[0]["moving_time_s"] == 1600
    assert laps[0]["average_cadence"] == 85


def test_a_fit_treadmill_run_is_a_virtual_run_without_a_map():
    points = [Point(p.t, None, None, None, 150, 85, p.distance) for p in run_north(900, speed=3.0)]
    run = run_of("fit", fit(Activity(points), sub_sport=1))  # 1: treadmill
    assert run["sport_type"] == "VirtualRun"
    assert run["distance_m"] == pytest.approx(2700, abs=1)
    assert run["timezone"] == "UTC"
    assert "polyline" not in run


@pytest.mark.parametrize(
    ("kind", "content", "says"),
    [
        ("gpx", b"", "empty"),
        ("gpx", b"this is not xml", "not well-formed XML"),
        ("gpx", gpx(ten_k())[:5000], "not well-formed XML"),
        (
            "gpx",
            b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg/></trk></gpx>',
            "no track points",
        ),
        ("gpx", b"<kml/>", "not a GPX file"),
        ("tcx", b"<gpx/>", "not a TCX file"),
        ("fit", fit(ten_k())[:-300], "corrupt or truncated"),
        ("fit", b"", "empty"),
        ("fit", b"\x0e\x10" + b"\x00" * 40, "corrupt or truncated"),
        ("gpx", gpx(Activity(run_north(600, speed=55.6))), "200 km/h"),
        (
            "gpx",
            gpx(Activity([Point(0, *PARIS), Point(3 * 365 * 86400, PARIS[0] + 0.01, PARIS[1])])),
            "1095 days",
        ),
        ("gpx", gpx(ten_k(), sport="cycling"), "a Ride, not a run"),
        ("gpx", b'<!DOCTYPE gpx [<!ENTITY a "aaaaaaaa">]><gpx>&a;</gpx>', "no track points"),
    ],
)
def test_it_refuses_files_that_cannot_be_a_run_and_says_why(kind, content, says):
    with pytest.raises(Refused, match=says):
        run_of(kind, content)


def test_a_corrupted_byte_in_a_fit_file_fails_its_crc():
    content = bytearray(fit(ten_k()))
    content[len(content) // 2] ^= 0xFF
    with pytest.raises(Refused, match="corrupt"):
        run_of("fit", bytes(content))
