"""A runner's current VDOT from their runs."""

from datetime import date, timedelta

import pytest
from training_helpers import make_run

from runnerly_training.model import (
    BestEffort,
    EffortSource,
    assess_fitness,
    recent_weekly_km,
    vdot,
    vdot_history,
)
from runnerly_training.model.fitness import HALF_LIFE_DAYS, MAX_FADE, detraining_factor, effort_credit

TODAY = date(2025, 6, 15)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_a_race_sets_the_vdot_by_its_clock_time() -> None:
    race = make_run("race", days_ago(14), 10_000, 41 * 60 + 30, is_race=True, elapsed_time_s=2520)
    estimate = assess_fitness([race], TODAY)
    assert estimate.driver is not None
    assert estimate.driver.effort.source is EffortSource.RACE
    assert estimate.driver.effort.time_s == 2520
    # Nothing run since: 14 days off cost more than the slow fade of 14 days.
    assert estimate.vdot == pytest.approx(vdot(10_000, 2520) * detraining_factor(14))


def test_credit_fades_toward_90_percent_with_a_60_day_half_life() -> None:
    assert (HALF_LIFE_DAYS, MAX_FADE) == (60, 0.10)
    assert effort_credit(0) == 1
    assert effort_credit(60) == pytest.approx(0.95)
    assert effort_credit(10_000) == pytest.approx(0.90)


def test_a_recent_race_overtakes_an_old_personal_best() -> None:
    old_pb = make_run("pb", days_ago(300), 5000, 19 * 60, is_race=True)
    easy = make_run("easy", days_ago(3), 10_000, 58 * 60)
    assert assess_fitness([old_pb, easy], TODAY).driver.effort.run_id == "pb"
    recent = make_run("recent", days_ago(7), 5000, 20 * 60, is_race=True)
    estimate = assess_fitness([old_pb, easy, recent], TODAY)
    assert estimate.driver.effort.run_id == "recent"
    assert [w.effort.run_id for w in estimate.evidence] == ["recent", "pb", "easy"]


def test_a_best_effort_inside_a_training_run_counts() -> None:
    long_run = make_run("long", days_ago(5), 15_000, 75 * 60, best_efforts=(BestEffort(5000, 20 * 60 + 30),))
    estimate = assess_fitness([long_run], TODAY)
    assert estimate.driver.effort.source is EffortSource.BEST_EFFORT
    assert estimate.driver.effort.distance_m == 5000


def test_a_short_best_effort_measures_speed_not_fitness() -> None:
    track = make_run("track", days_ago(5), 8000, 40 * 60, best_efforts=(BestEffort(1000, 180),))
    estimate = assess_fitness([track], TODAY)
    assert estimate.driver.effort.source is EffortSource.RUN


@pytest.mark.parametrize(
    ("run_kwargs", "reason"),
    [
        ({"distance_m": 10_000, "moving_s": 15 * 60}, "faster than any human"),
        ({"distance_m": 5000, "moving_s": 1800, "split_times_s": (360, 360, 90)}, "kilometre split 3"),
        (
            {"distance_m": 5000, "moving_s": 1800, "elapsed_time_s": 1700},
            "moving time is longer than elapsed time",
        ),
        (
            {"distance_m": 5000, "moving_s": 1800, "best_efforts": (BestEffort(10_000, 3000),)},
            "longer than the run itself",
        ),
        ({"distance_m": 5000, "moving_s": 7200}, "slower than 20:00/km"),
    ],
)
def test_implausible_runs_are_ignored_with_the_reason(run_kwargs: dict, reason: str) -> None:
    distance, moving = run_kwargs.pop("distance_m"), run_kwargs.pop("moving_s")
    glitch = make_run("glitch", days_ago(2), distance, moving, **run_kwargs)
    honest = make_run("honest", days_ago(9), 10_000, 50 * 60)
    estimate = assess_fitness([glitch, honest], TODAY)
    assert estimate.driver.effort.run_id == "honest"
    (ignored,) = estimate.ignored
    assert ignored.run_id == "glitch"
    assert reason in ignored.reason


def test_runs_in_the_future_or_beyond_a_year_do_not_count() -> None:
    runs = [
        make_run("future", TODAY + timedelta(days=1), 5000, 1100, is_race=True),
        make_run("ancient", days_ago(400), 5000, 1100, is_race=True),
    ]
    estimate = assess_fitness(runs, TODAY)
    assert estimate.vdot is None
    assert estimate.driver is None


def test_history_has_a_weekly_point_using_only_runs_known_by_then() -> None:
    race = make_run("race", days_ago(20), 5000, 1200, is_race=True)
    points = vdot_history([race], TODAY, weeks=5)
    assert [p.day for p in points] == [days_ago(7 * n) for n in range(4, -1, -1)]
    assert [p.vdot is None for p in points] == [True, True, False, False, False]
    assert points[-1].driver_run_id == "race"
    # Fading with age: the later the point, the lower the same race counts.
    assert points[2].vdot > points[3].vdot > points[4].vdot


def test_recent_weekly_km_is_the_mean_of_the_last_four_weeks() -> None:
    runs = [make_run(f"r{n}", days_ago(n), 10_000, 3000) for n in (1, 8, 15, 22, 29)]
    assert recent_weekly_km(runs, TODAY) == pytest.approx(10.0)


def test_detraining_follows_daniels_table_of_time_off() -> None:
    assert detraining_factor(5) == 1
    assert detraining_factor(28) == pytest.approx(0.931)  # Daniels: 93.1 % after four weeks
    assert detraining_factor(72) == pytest.approx(0.80)
    assert detraining_factor(300) == pytest.approx(0.80)


def test_after_a_long_layoff_an_old_race_no_longer_sets_ninety_percent_of_its_vdot() -> None:
    race = make_run("race", days_ago(300), 5000, 20 * 60, is_race=True)
    estimate = assess_fitness([race], TODAY)
    assert estimate.driver.days_off == 300  # today counts: no run yet
    assert estimate.vdot == pytest.approx(vdot(5000, 20 * 60) * 0.80)
    assert estimate.vdot < vdot(5000, 20 * 60) * effort_credit(300) - 4


def test_a_runner_who_kept_running_keeps_the_slow_fade() -> None:
    race = make_run("race", days_ago(120), 5000, 20 * 60, is_race=True)
    every_few_days = [make_run(f"e{n}", days_ago(n), 8000, 48 * 60) for n in range(3, 120, 4)]
    estimate = assess_fitness([race, *every_few_days], TODAY)
    assert estimate.driver.effort.run_id == "race"
    assert estimate.vdot == pytest.approx(vdot(5000, 20 * 60) * effort_credit(120))


def test_a_break_after_the_race_costs_what_the_break_costs() -> None:
    race = make_run("race", days_ago(60), 10_000, 40 * 60, is_race=True)
    back = [make_run(f"b{n}", days_ago(n), 6000, 40 * 60) for n in range(2, 30, 2)]
    estimate = assess_fitness([race, *back], TODAY)
    # 60 days ago, then nothing until 28 days ago: 31 days off, 0.3 % a day past the 5th.
    assert estimate.driver.days_off == 31
    assert estimate.vdot == pytest.approx(vdot(10_000, 40 * 60) * (1 - 0.003 * 26))
