"""Training load: TRIMP, the EWMAs, form and the acute:chronic ratio."""

import math
from datetime import date, timedelta

import pytest
from training_helpers import make_run

from runnerly_training.model import HeartRateProfile, HeartRateSample, InvalidProfile, Sex
from runnerly_training.model.load import (
    daily_loads,
    estimated_reserve_fraction,
    ewma,
    run_load,
    smoothing_factor,
    trimp_from_average,
)
from runnerly_training.model.paces import training_paces

DAY = date(2025, 3, 3)
# Resting 60, maximum 190: reserve 130 bpm, so 151 bpm is x = 91 / 130 = 0.7.
MAN = HeartRateProfile(resting_hr=60, max_hr=190, sex=Sex.MALE)
WOMAN = HeartRateProfile(resting_hr=60, max_hr=190, sex=Sex.FEMALE)
SOMEONE = HeartRateProfile(resting_hr=60, max_hr=190)
# 60 · 0.7 · 0.64 · e^(1.92 · 0.7) = 26.88 · e^1.344 = 26.88 · 3.83436 = 103.07
MAN_HOUR_AT_151 = 103.07
# 60 · 0.7 · 0.86 · e^(1.67 · 0.7) = 36.12 · e^1.169 = 36.12 · 3.21876 = 116.26
WOMAN_HOUR_AT_151 = 116.26


def test_banister_trimp_for_an_hour_at_70_percent_of_reserve() -> None:
    assert trimp_from_average(3600, 151, MAN) == pytest.approx(MAN_HOUR_AT_151, abs=0.01)
    assert trimp_from_average(3600, 151, WOMAN) == pytest.approx(WOMAN_HOUR_AT_151, abs=0.01)


def test_unknown_sex_takes_the_mean_of_both_weightings() -> None:
    # (103.07 + 116.26) / 2 = 109.665
    assert trimp_from_average(3600, 151, SOMEONE) == pytest.approx(109.665, abs=0.01)


def test_a_heart_rate_stream_counts_each_gap_but_not_pauses() -> None:
    # 30 s at 151, then 570 s to the next sample: a pause, capped at 30 s.
    # 1 min · 0.7 · 0.64 · e^1.344 = 103.07 / 60 = 1.718
    stream = (HeartRateSample(0, 151), HeartRateSample(30, 151), HeartRateSample(600, 60))
    run = make_run("r1", DAY, 3000, 900, heart_rate_stream=stream, average_heart_rate=120)
    load = run_load(run, MAN)
    assert load.trimp == pytest.approx(MAN_HOUR_AT_151 / 60, abs=0.001)
    assert not load.estimated


def test_without_heart_rate_the_load_comes_from_pace_and_says_so() -> None:
    threshold = training_paces(50).threshold.mid_s_per_km
    # At threshold (88 % of VDOT 50, VO2 44): x = (44 - 3.5) / (50 - 3.5) = 0.871.
    assert estimated_reserve_fraction(1000, threshold, 50) == pytest.approx(0.871, abs=0.002)
    run = make_run("r1", DAY, 10_000, 10 * threshold)
    load = run_load(run, MAN, vdot=50)
    assert load.estimated
    expected = 10 * threshold / 60 * 0.871 * 0.64 * math.exp(1.92 * 0.871)
    assert load.trimp == pytest.approx(expected, rel=0.01)


def test_the_ewma_uses_two_over_n_plus_one() -> None:
    assert smoothing_factor(7) == 0.25
    assert smoothing_factor(42) == pytest.approx(2 / 43)
    # λ = 0.25: 0.25·100 = 25; 0.75·25 = 18.75; 0.25·50 + 0.75·18.75 = 26.5625
    assert ewma([100, 0, 50], 7) == pytest.approx((25, 18.75, 26.5625))


def test_daily_loads_fill_rest_days_with_zero_and_smooth_them() -> None:
    runs = [
        make_run("long", DAY, 12_000, 3600, average_heart_rate=151),
        make_run("short", DAY + timedelta(days=2), 6000, 1800, average_heart_rate=151),
    ]
    days = daily_loads(runs, MAN, DAY + timedelta(days=2))
    assert [d.day for d in days] == [DAY + timedelta(days=n) for n in range(3)]
    loads = [d.trimp for d in days]
    assert loads == pytest.approx([MAN_HOUR_AT_151, 0, MAN_HOUR_AT_151 / 2], abs=0.01)
    # Acute, λ = 1/4: 25.77, 19.33, 0.25·51.54 + 0.75·19.33 = 12.88 + 14.50 = 27.38
    assert [d.acute for d in days] == pytest.approx([25.77, 19.33, 27.38], abs=0.01)
    # Chronic, λ = 2/43: 4.794, 4.571, 2.397 + 4.358 = 6.755
    assert [d.chronic for d in days] == pytest.approx([4.794, 4.571, 6.755], abs=0.01)
    last = days[-1]
    assert last.form == pytest.approx(last.chronic - last.acute)
    assert last.acute_chronic_ratio == pytest.approx(last.acute / last.chronic)


def test_the_ratio_is_none_while_there_is_no_chronic_load() -> None:
    runs = [make_run("later", DAY + timedelta(days=1), 5000, 1500, average_heart_rate=140)]
    days = daily_loads(runs, MAN, DAY + timedelta(days=1), since=DAY)
    assert days[0].chronic == 0
    assert days[0].acute_chronic_ratio is None
    assert days[1].acute_chronic_ratio is not None


def test_runs_after_today_and_an_empty_history_carry_no_load() -> None:
    future = make_run("future", DAY + timedelta(days=5), 5000, 1500, average_heart_rate=140)
    assert daily_loads([future], MAN, DAY) == ()


def test_a_day_with_an_estimated_run_is_flagged() -> None:
    runs = [make_run("no-hr", DAY, 8000, 2880), make_run("hr", DAY, 3000, 900, average_heart_rate=140)]
    (only_day,) = daily_loads(runs, MAN, DAY, vdot=45)
    assert only_day.estimated


@pytest.mark.parametrize(
    ("resting", "maximum", "words"),
    [
        (20, 190, "resting_hr must be between 25 and 120"),
        (60, 250, "max_hr must be"),
        (100, 100, "max_hr 100 must be above resting_hr 100"),
    ],
)
def test_an_impossible_profile_is_refused(resting: float, maximum: float, words: str) -> None:
    with pytest.raises(InvalidProfile, match=words):
        HeartRateProfile(resting_hr=resting, max_hr=maximum)
