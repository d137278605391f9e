"""The equations against Daniels' published tables (Daniels' Running Formula, 3rd ed.).

Race times: the VDOT table (Table 5.1). Training paces: the pace table (Table 5.2)
in s/km; I is the printed 400 m time times 2.5. Every figure must agree within 1 %.
"""

import pytest
from training_helpers import parse_time

from runnerly_training.model import Performance, predict_races, predict_time, training_paces, vdot
from runnerly_training.model.vdot import STANDARD_DISTANCES_M

TOLERANCE = 0.01
DISTANCES = ("1500 m", "1 mile", "3000 m", "5 km", "10 km", "half marathon", "marathon")
RACE_TABLE = {
    30: ("8:30", "9:11", "17:56", "30:40", "63:46", "2:21:04", "4:49:17"),
    40: ("6:35", "7:07", "14:03", "24:08", "50:03", "1:50:59", "3:49:45"),
    50: ("5:24", "5:50", "11:33", "19:57", "41:21", "1:31:35", "3:10:49"),
    60: ("4:35", "4:57", "9:50", "17:03", "35:22", "1:18:09", "2:43:25"),
    70: ("4:00", "4:19", "8:34", "14:55", "31:00", "1:08:21", "2:23:10"),
    85: ("3:23.5", "3:39.6", "7:14.0", "12:37.4", "26:19", "57:50", "2:01:10"),
}
# s/km: easy fast end, easy slow end, threshold, interval, repetition.
PACE_TABLE = {
    30: (459, 503, 384, 355, 342),
    40: (367, 404, 306, 282.5, 265),
    50: (307, 338, 255, 235, 217),
    60: (265, 292, 220, 202.5, 185),
}
# Rows where only T and I are checked (their E and R columns are not reproduced here).
THRESHOLD_INTERVAL_ONLY = {70: (194, 180)}


def relative_error(actual: float, expected: float) -> float:
    return abs(actual - expected) / expected


@pytest.mark.parametrize("row", sorted(RACE_TABLE))
@pytest.mark.parametrize("distance_index", range(len(DISTANCES)))
def test_predicted_race_times_match_the_vdot_table(row: int, distance_index: int) -> None:
    name = DISTANCES[distance_index]
    expected = parse_time(RACE_TABLE[row][distance_index])
    predicted = predict_time(row, STANDARD_DISTANCES_M[name])
    assert relative_error(predicted, expected) < TOLERANCE, (name, predicted, expected)


@pytest.mark.parametrize("row", sorted(RACE_TABLE))
def test_a_table_5k_gives_back_its_row(row: int) -> None:
    five_k = parse_time(RACE_TABLE[row][DISTANCES.index("5 km")])
    assert relative_error(vdot(5000, five_k), row) < TOLERANCE


def test_a_20_minute_5k_is_vdot_49_8_and_predicts_the_vdot_50_row() -> None:
    result = predict_races(Performance(5000, 20 * 60))
    assert result.vdot == pytest.approx(49.8, abs=0.05)
    table = dict(zip(DISTANCES, RACE_TABLE[50], strict=True))
    for prediction in result.predictions:
        expected = parse_time(table[prediction.name])
        assert relative_error(prediction.vdot_time_s, expected) < TOLERANCE, prediction


@pytest.mark.parametrize("row", sorted(PACE_TABLE))
def test_training_paces_match_the_pace_table(row: int) -> None:
    easy_fast, easy_slow, threshold, interval, repetition = PACE_TABLE[row]
    paces = training_paces(row)
    pairs = [
        (paces.easy.min_s_per_km, easy_fast),
        (paces.easy.max_s_per_km, easy_slow),
        (paces.threshold.mid_s_per_km, threshold),
        (paces.interval.mid_s_per_km, interval),
        (paces.repetition.mid_s_per_km, repetition),
    ]
    for actual, expected in pairs:
        assert relative_error(actual, expected) < TOLERANCE, (actual, expected)


@pytest.mark.parametrize("row", sorted(THRESHOLD_INTERVAL_ONLY))
def test_threshold_and_interval_paces_hold_at_vdot_70(row: int) -> None:
    threshold, interval = THRESHOLD_INTERVAL_ONLY[row]
    paces = training_paces(row)
    assert relative_error(paces.threshold.mid_s_per_km, threshold) < TOLERANCE
    assert relative_error(paces.interval.mid_s_per_km, interval) < TOLERANCE


@pytest.mark.parametrize("row", sorted(RACE_TABLE))
def test_marathon_pace_is_the_table_marathon_time_per_km(row: int) -> None:
    expected = parse_time(RACE_TABLE[row][DISTANCES.index("marathon")]) / 42.195
    assert relative_error(training_paces(row).marathon.mid_s_per_km, expected) < TOLERANCE


@pytest.mark.parametrize("row", [35, 40, 45, 50, 55, 60, 70])
def test_repetition_is_about_six_seconds_per_400_faster_than_interval(row: int) -> None:
    """Daniels' rule of thumb relating R to I holds within a second or so."""
    paces = training_paces(row)
    gap_per_400 = (paces.interval.mid_s_per_km - paces.repetition.mid_s_per_km) * 0.4
    assert 5 <= gap_per_400 <= 8


@pytest.mark.parametrize("row", [30, 45, 60, 75])
def test_paces_run_from_easy_to_repetition_in_order(row: int) -> None:
    paces = training_paces(row)
    order = [
        paces.easy.max_s_per_km,
        paces.easy.min_s_per_km,
        paces.marathon.mid_s_per_km,
        paces.threshold.mid_s_per_km,
        paces.interval.mid_s_per_km,
        paces.repetition.mid_s_per_km,
    ]
    assert order == sorted(order, reverse=True)
