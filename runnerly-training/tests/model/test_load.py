"""Training load: TRIMP, CTL/ATL/TSB and the acute:chronic ratio."""

import math
from datetime import date, timedelta

import pytest
from training_helpers import make_run

from runnerly_training.model import (
    HeartRateProfile,
    HeartRateSample,
    HeartRateSegment,
    InvalidProfile,
    Sex,
    vdot,
    weekly_time_in_zones,
)
from runnerly_training.model.load import (
    daily_loads,
    decay_factor,
    estimated_reserve_fraction,
    ewma,
    reference_vdot,
    run_load,
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


def test_an_easy_hour_without_heart_rate_is_rated_as_easy_not_as_threshold() -> None:
    # A runner with no race: a month of easy hours at 6:00/km. Their current VDOT comes from
    # these very runs (10 km in 60 min: VDOT 33.2), at which 6:00/km is threshold pace.
    easy = [make_run(f"e{n}", DAY - timedelta(days=n), 10_000, 3600) for n in range(0, 28, 2)]
    own_vdot = vdot(10_000, 3600)
    assert run_load(easy[0], MAN, vdot=own_vdot).trimp > 170  # the figure of the first release
    reference = reference_vdot(easy, own_vdot)
    # VO2 at 166.7 m/min is 28.67; as 59 % of VDOT (the slow end of easy): VDOT 48.6.
    assert reference == pytest.approx(48.6, abs=0.1)
    # x = (28.67 - 3.5) / (48.6 - 3.5) = 0.558; 60 · 0.558 · 0.64 · e^(1.92 · 0.558) = 62.6
    assert run_load(easy[0], MAN, vdot=reference).trimp == pytest.approx(62.6, abs=0.5)


def test_a_race_result_stays_the_reference_when_it_is_faster() -> None:
    easy = [make_run("e", DAY, 10_000, 3600)]
    assert reference_vdot(easy, 55.0) == 55.0


def test_a_heart_rate_stream_rates_each_part_of_a_session_at_its_own_heart_rate() -> None:
    # 20 min at 130 bpm then 20 min at 175 bpm, one sample every 10 s; the average is 152.5.
    stream = tuple(HeartRateSample(t, 130 if t < 1200 else 175) for t in range(0, 2410, 10))
    run = make_run("r1", DAY, 8000, 2400, heart_rate_stream=stream, average_heart_rate=152.5)
    # x = 70/130 = 0.5385 and 115/130 = 0.8846:
    # 20 · 0.5385 · 0.64 · e^(1.92 · 0.5385) = 20 · 0.5385 · 0.64 · 2.8120 = 19.38
    # 20 · 0.8846 · 0.64 · e^(1.92 · 0.8846) = 20 · 0.8846 · 0.64 · 5.4668 = 61.90
    assert run_load(run, MAN).trimp == pytest.approx(19.38 + 61.90, abs=0.05)
    # The average alone: 40 · 0.7115 · 0.64 · e^(1.3662) = 71.41, a different figure.
    assert trimp_from_average(2400, 152.5, MAN) == pytest.approx(71.41, abs=0.05)
    (week,) = weekly_time_in_zones([run], MAN)
    # 130 bpm is 54 % of reserve (zone 1), 175 bpm 88 % (zone 4): not 40 min in zone 3.
    assert week.seconds_by_zone[1] == pytest.approx(1200)
    assert week.seconds_by_zone[4] == pytest.approx(1200)
    assert week.seconds_by_zone[3] == 0


def test_split_heart_rates_stand_in_for_a_missing_stream() -> None:
    segments = (HeartRateSegment(1200, 130), HeartRateSegment(1200, 175))
    run = make_run("r1", DAY, 8000, 2400, heart_rate_segments=segments, average_heart_rate=152.5)
    load = run_load(run, MAN)
    assert not load.estimated
    assert load.trimp == pytest.approx(19.38 + 61.90, abs=0.05)


def test_ctl_and_atl_decay_with_time_constants_of_42_and_7_days() -> None:
    assert decay_factor(42) == pytest.approx(1 - math.exp(-1 / 42))  # 0.02353
    assert decay_factor(7) == pytest.approx(0.13312, abs=1e-5)
    # k = 0.25: 0.25·100 = 25; 0.75·25 = 18.75; 0.25·50 + 0.75·18.75 = 26.5625
    assert ewma([100, 0, 50], 0.25) == pytest.approx((25, 18.75, 26.5625))


def test_sixty_days_of_load_give_the_hand_computed_ctl_atl_and_tsb() -> None:
    # 50 days of one hour at 151 bpm (L = 103.07 each), then 10 days of rest. From 0, n days
    # of constant L give CTL = L(1 - e^(-n/42)) and ATL = L(1 - e^(-n/7)); rest multiplies
    # each by e^(-d/τ) per d days.
    load = MAN_HOUR_AT_151
    runs = [
        make_run(f"r{n}", DAY + timedelta(days=n), 12_000, 3600, average_heart_rate=151) for n in range(50)
    ]
    days = daily_loads(runs, MAN, DAY + timedelta(days=59))
    assert len(days) == 60
    ctl_50, atl_50 = load * (1 - math.exp(-50 / 42)), load * (1 - math.exp(-50 / 7))
    assert ctl_50 == pytest.approx(71.73, abs=0.01)  # 103.07 · (1 - 0.30410)
    assert atl_50 == pytest.approx(102.99, abs=0.01)  # 103.07 · (1 - 0.00079)
    assert (days[49].ctl, days[49].atl) == pytest.approx((ctl_50, atl_50), abs=0.01)
    # Day 60, after 10 days of rest: CTL 71.73 · e^(-10/42) = 56.53, ATL 102.99 · e^(-10/7) = 24.68.
    assert days[59].ctl == pytest.approx(56.53, abs=0.01)
    assert days[59].atl == pytest.approx(24.68, abs=0.01)
    # TSB on day 60 is day 59's: 71.73 · e^(-9/42) - 102.99 · e^(-9/7) = 57.90 - 28.47 = 29.42.
    assert days[59].tsb == pytest.approx(29.42, abs=0.02)
    # The morning of the first day there is no history: TSB 0. The morning after 50 days
    # of training, TSB is the 50th day's CTL - ATL: 103.07 · (e^(-50/7) - e^(-50/42)) = -31.26.
    assert days[0].tsb == 0
    assert days[50].tsb == pytest.approx(-31.26, abs=0.02)


def test_acwr_is_williams_ewma_ratio_and_waits_for_28_days_of_history() -> None:
    runs = [
        make_run(f"r{n}", DAY + timedelta(days=n), 12_000, 3600, average_heart_rate=151) for n in range(40)
    ]
    days = daily_loads(runs, MAN, DAY + timedelta(days=39), since=DAY - timedelta(days=84))
    assert days[84].trimp > 0
    # Day 1 of the history would read 0.25 / (2/29) = 3.6: it is withheld for 27 days.
    assert all(day.acwr is None for day in days[: 84 + 27])
    first = days[84 + 27]
    # After 28 days of constant L: acute 1 - 0.75^28, chronic 1 - (27/29)^28 of L.
    expected = (1 - 0.75**28) / (1 - (27 / 29) ** 28)
    assert first.acwr == pytest.approx(expected, rel=1e-6)
    assert 1.0 < first.acwr < 1.2


def test_daily_loads_fill_rest_days_with_zero() -> None:
    runs = [
        make_run("long", DAY, 12_000, 3600, average_heart_rate=151),
        make_run("short", DAY + timedelta(days=2), 6000, 1800, average_heart_rate=151),
    ]
    days = daily_loads(runs, MAN, DAY + timedelta(days=2))
    assert [d.day for d in days] == [DAY + timedelta(days=n) for n in range(3)]
    loads = [d.trimp for d in days]
    assert loads == pytest.approx([MAN_HOUR_AT_151, 0, MAN_HOUR_AT_151 / 2], abs=0.01)
    assert days[2].tsb == pytest.approx(days[1].ctl - days[1].atl)


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
