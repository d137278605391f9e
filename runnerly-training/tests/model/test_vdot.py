"""VDOT and race predictions: validation, combination and properties."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from runnerly_training.model import (
    InvalidPerformance,
    InvalidVdot,
    Performance,
    TrainingModelError,
    best_vdot,
    predict_races,
    predict_time,
    vdot,
)
from runnerly_training.model.vdot import MAX_HUMAN_VDOT, raw_vdot

distances = st.floats(min_value=800, max_value=100_000)
# From faster than any human to slower than a walk, so that validity varies too.
paces_s_per_km = st.floats(min_value=100, max_value=1300)
human_vdots = st.floats(min_value=5, max_value=MAX_HUMAN_VDOT)


def plausible_time(distance_m: float, pace_s_per_km: float) -> float:
    time_s = distance_m / 1000 * pace_s_per_km
    try:
        vdot(distance_m, time_s)
    except InvalidPerformance:
        assume(False)
    return time_s


@pytest.mark.parametrize(
    ("distance_m", "time_s", "words"),
    [
        (0, 1200, "distance_m must be a finite number above 0, got 0"),
        (-5000, 1200, "distance_m must be a finite number above 0"),
        (math.nan, 1200, "distance_m must be a finite number above 0"),
        (5000, 0, "time_s must be a finite number above 0, got 0"),
        (5000, -1, "time_s must be a finite number above 0"),
        (400, 60, "distance 400 m is under the 800 m minimum"),
        (120_000, 36_000, "distance 120000 m is over the 100 km maximum"),
        (5000, 600, "5000 m in 10:00 (2:00/km) is faster than any human has run"),
        (5000, 2 * 3600, "5000 m in 2:00:00 (24:00/km) is slower than 20:00/km"),
        # So short a time that it underflows to 0 once in minutes (found by the API's fuzzing).
        (800, 5e-324, "800 m in 0:00 (0:00/km) is faster than any human has run"),
    ],
)
def test_it_rejects_an_implausible_performance_saying_what_is_wrong(
    distance_m: float, time_s: float, words: str
) -> None:
    with pytest.raises(InvalidPerformance) as raised:
        vdot(distance_m, time_s)
    assert words in str(raised.value)


def test_domain_errors_are_value_errors_for_the_web_layer() -> None:
    assert issubclass(InvalidPerformance, TrainingModelError)
    assert issubclass(TrainingModelError, ValueError)


def test_world_records_are_accepted() -> None:
    for distance_m, time_s in [(800, 100.91), (10_000, 26 * 60 + 11), (42_195, 7235)]:
        assert 83 < vdot(distance_m, time_s) < MAX_HUMAN_VDOT


@pytest.mark.parametrize("value", [0, -3, math.inf, 95])
def test_predictions_reject_an_inhuman_vdot(value: float) -> None:
    with pytest.raises(InvalidVdot):
        predict_time(value, 5000)


def test_several_performances_combine_as_the_best_and_name_it() -> None:
    slow_10k = Performance(10_000, 45 * 60)
    fast_5k = Performance(5000, 20 * 60)
    estimate = best_vdot([slow_10k, fast_5k])
    assert estimate.driver == fast_5k
    assert estimate.vdot == pytest.approx(vdot(5000, 1200))
    assert len(estimate.vdots) == 2


def test_combining_names_the_bad_performance() -> None:
    with pytest.raises(InvalidPerformance, match="performance 1: distance 300 m"):
        best_vdot([Performance(5000, 1200), Performance(300, 50)])
    with pytest.raises(InvalidPerformance, match="at least one"):
        best_vdot([])


def test_predictions_offer_riegel_beside_vdot() -> None:
    result = predict_races(Performance(10_000, 40 * 60), riegel_exponent=1.06)
    marathon = next(p for p in result.predictions if p.name == "marathon")
    assert marathon.riegel_time_s == pytest.approx(2400 * 4.2195**1.06)
    # Riegel is known to be kinder than VDOT over the marathon from a 10 km.
    assert marathon.riegel_time_s < marathon.vdot_time_s


@given(distances, paces_s_per_km, st.floats(min_value=0.5, max_value=0.999))
def test_a_faster_time_never_gives_a_lower_vdot(distance_m: float, pace: float, faster_by: float) -> None:
    slow = plausible_time(distance_m, pace)
    fast = slow * faster_by
    assume(raw_vdot(distance_m, fast) <= MAX_HUMAN_VDOT)
    assert vdot(distance_m, fast) > vdot(distance_m, slow)


@given(human_vdots, distances, distances)
def test_predictions_strictly_increase_with_distance(value: float, first: float, second: float) -> None:
    assume(abs(first - second) > 1)
    shorter, longer = sorted((first, second))
    assert predict_time(value, shorter) < predict_time(value, longer)


@given(distances, paces_s_per_km)
def test_predicting_the_input_distance_returns_the_input_time(distance_m: float, pace: float) -> None:
    time_s = plausible_time(distance_m, pace)
    assert predict_time(vdot(distance_m, time_s), distance_m) == pytest.approx(time_s, abs=0.01)


@given(human_vdots, distances)
def test_a_prediction_has_the_vdot_it_was_asked_for(value: float, distance_m: float) -> None:
    assert raw_vdot(distance_m, predict_time(value, distance_m)) == pytest.approx(value, rel=1e-6)
