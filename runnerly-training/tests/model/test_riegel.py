"""Riegel's power law."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runnerly_training.model import TrainingModelError, riegel_time
from runnerly_training.model.riegel import DEFAULT_RIEGEL_EXPONENT

distances = st.floats(min_value=800, max_value=100_000)
race_distances = st.floats(min_value=1500, max_value=42_195)
exponents = st.floats(min_value=1.0, max_value=1.2)
# 4:00/km keeps every test performance plausible from 800 m to 100 km.
PACE_S_PER_KM = 240.0


def test_a_40_minute_10k_predicts_a_19_11_5k_with_the_default_exponent() -> None:
    # 2400 · (5000/10000)^1.06 = 2400 · 0.47963 = 1151.1 s = 19:11
    assert riegel_time(2400, 10_000, 5000) == pytest.approx(1151.1, abs=0.1)
    assert DEFAULT_RIEGEL_EXPONENT == 1.06


def test_the_exponent_is_configurable_and_checked() -> None:
    assert riegel_time(2400, 10_000, 20_000, exponent=1.0) == pytest.approx(4800)
    with pytest.raises(TrainingModelError, match=r"riegel exponent must be between 1 and 1\.2"):
        riegel_time(2400, 10_000, 20_000, exponent=0.9)


@given(distances, exponents)
def test_the_input_distance_returns_the_input_time(distance_m: float, exponent: float) -> None:
    time_s = distance_m / 1000 * PACE_S_PER_KM
    assert riegel_time(time_s, distance_m, distance_m, exponent) == pytest.approx(time_s)


@given(race_distances, race_distances, race_distances, exponents)
def test_going_through_a_middle_distance_changes_nothing(
    first: float, middle: float, last: float, exponent: float
) -> None:
    # 5:00/km keeps the middle performance human whichever way it is scaled.
    time_s = first / 1000 * 300
    direct = riegel_time(time_s, first, last, exponent)
    via_middle_s = riegel_time(time_s, first, middle, exponent)
    assert riegel_time(via_middle_s, middle, last, exponent) == pytest.approx(direct, rel=1e-9)


@given(distances, distances, exponents)
def test_longer_races_take_longer_and_are_run_no_faster(first: float, second: float, exponent: float) -> None:
    shorter, longer = sorted((first, second))
    time_s = shorter / 1000 * PACE_S_PER_KM
    predicted = riegel_time(time_s, shorter, longer, exponent)
    assert predicted >= time_s
    assert predicted / longer >= time_s / shorter * (1 - 1e-12)
