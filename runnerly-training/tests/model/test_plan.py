"""Training plans: a worked example, the goal check, validation."""

from datetime import date, timedelta

import pytest

from runnerly_training.model import (
    InfeasiblePlan,
    InvalidPlanRequest,
    Phase,
    PlanConstraints,
    PlanRequest,
    RunType,
    generate_plan,
    predict_time,
    replan,
)
from runnerly_training.model.plan.entities import QUALITY_TYPES

TODAY = date(2025, 1, 1)  # a Wednesday
MARATHON = 42_195.0


def marathon_request(**changes: object) -> PlanRequest:
    fields: dict[str, object] = {
        "today": TODAY,
        "race_date": date(2025, 4, 27),  # a Sunday, 16 weeks after Monday 6 January
        "race_distance_m": MARATHON,
        "recent_weekly_km": 40.0,
        "days_per_week": 5,
        "current_vdot": 45.0,
    }
    fields.update(changes)
    return PlanRequest(**fields)  # type: ignore[arg-type]


def test_a_16_week_marathon_plan_is_periodised_and_uses_the_partial_first_week() -> None:
    plan = generate_plan(marathon_request())
    assert plan.start_date == TODAY  # a Wednesday: the rest of this week is week 0
    first, *full = plan.weeks
    assert first.is_partial
    assert first.week_start == date(2024, 12, 30)
    assert all(run.date >= TODAY for run in first.runs)
    assert {run.type for run in first.runs} <= {RunType.EASY, RunType.LONG, RunType.RECOVERY}
    # Three of the five run days are still ahead: 3/5 of the starting 40 km.
    assert first.training_km == pytest.approx(24.0)
    assert len(full) == 16
    phases = [week.phase for week in full]
    assert phases == sorted(phases, key=list(Phase).index)
    assert phases.count(Phase.TAPER) == 3
    assert [w.is_recovery for w in full].count(True) == 3
    volumes = [round(w.training_km, 1) for w in full]
    assert volumes == [
        40.0, 43.2, 46.7, 35.0, 46.7, 50.4, 54.4, 40.8, 54.4, 58.8, 63.5, 47.6, 63.5,
        47.6, 34.9, 22.2,
    ]  # fmt: skip
    assert plan.warnings == ()


def test_sessions_use_the_runners_paces_and_suit_the_phase() -> None:
    plan = generate_plan(marathon_request())
    base_types = {run.type for w in plan.weeks if w.phase is Phase.BASE for run in w.runs}
    assert not base_types & QUALITY_TYPES
    peak_types = {run.type for w in plan.weeks if w.phase is Phase.PEAK for run in w.runs}
    assert RunType.MARATHON_PACE in peak_types
    threshold = next(run for run in plan.runs if run.type is RunType.THRESHOLD)
    assert threshold.target_pace == plan.paces.threshold
    assert "at 4:35-4:41/km with 1 min rest" in threshold.description
    (race,) = [run for run in plan.runs if run.type is RunType.RACE]
    assert race.date == date(2025, 4, 27)
    assert race.distance_m == MARATHON


def test_without_a_goal_the_target_is_the_time_predicted_today() -> None:
    plan = generate_plan(marathon_request())
    assert plan.target_time_s == pytest.approx(predict_time(45, MARATHON))
    (race,) = [run for run in plan.runs if run.type is RunType.RACE]
    assert race.target_pace.mid_s_per_km == pytest.approx(plan.paces.marathon.mid_s_per_km)


def test_a_goal_slower_than_the_prediction_is_the_target_as_given() -> None:
    easy_goal = predict_time(43, MARATHON)
    plan = generate_plan(marathon_request(goal_time_s=easy_goal))
    assert plan.target_time_s == easy_goal
    assert plan.warnings == ()


def test_a_goal_beyond_current_fitness_is_named_but_the_target_stays_honest() -> None:
    plan = generate_plan(marathon_request(goal_time_s=3 * 3600))
    (warning,) = plan.warnings
    assert "Goal 3:00:00 needs VDOT 53.5" in warning
    assert "race target is 3:28:16" in warning
    assert "re-test" in warning
    assert plan.target_time_s == pytest.approx(predict_time(45, MARATHON))


def test_a_retest_is_planned_three_to_four_weeks_before_the_race() -> None:
    plan = generate_plan(marathon_request())
    (retest,) = [run for run in plan.runs if run.type is RunType.TIME_TRIAL]
    assert retest.date == plan.retest_date == date(2025, 4, 2)
    assert 21 <= (plan.race_date - retest.date).days <= 28
    assert "5 km time trial or tune-up race flat out" in retest.description


def test_a_faster_retest_replans_the_weeks_ahead_and_keeps_what_was_done() -> None:
    request = marathon_request()
    plan = generate_plan(request)
    retest_day = plan.retest_date
    replanned = replan(request, plan, 47.0, retest_day + timedelta(days=1))
    before = [run for run in plan.runs if run.date <= retest_day]
    assert [run for run in replanned.runs if run.date <= retest_day] == before
    assert replanned.vdot == 47.0
    assert replanned.target_time_s == pytest.approx(predict_time(47, MARATHON))
    assert replanned.target_time_s < plan.target_time_s
    later = [run for run in replanned.runs if run.date > retest_day and run.type is RunType.THRESHOLD]
    assert later
    assert all(run.target_pace == replanned.paces.threshold for run in later)
    assert [w.training_km for w in replanned.weeks] == [w.training_km for w in plan.weeks]
    assert replan(request, plan, 44.0, retest_day) is plan  # a slower day changes nothing


def test_threshold_reps_rest_a_minute_per_five_minutes_of_running() -> None:
    plan = generate_plan(marathon_request(recent_weekly_km=70.0))
    two_km = next(r for r in plan.runs if r.type is RunType.THRESHOLD and "x 2 km" in r.description)
    # 2 km at 4:38/km is 9:16 of running: 1:51 of rest, rounded to 15 s.
    assert "with 1 min 45 s rest" in two_km.description


def test_short_race_plans_have_repetition_sessions_and_a_sharpening_session_in_race_week() -> None:
    plan = generate_plan(marathon_request(race_distance_m=5000.0, recent_weekly_km=35.0))
    reps = [run for run in plan.runs if run.type is RunType.REPETITION]
    assert reps
    assert all("x 0.2 km" in run.description or "x 0.4 km" in run.description for run in reps)
    race_week = plan.weeks[-1]
    (sharpening,) = [run for run in race_week.runs if run.type is RunType.REPETITION]
    assert (plan.race_date - sharpening.date).days >= 3
    assert sharpening.work_m <= 0.05 * race_week.planned_km * 1000


def test_a_marathon_from_nothing_is_refused_with_advice() -> None:
    with pytest.raises(InfeasiblePlan) as refused:
        generate_plan(marathon_request(recent_weekly_km=0.0, current_vdot=None))
    message = str(refused.value)
    assert "cannot prepare you for a marathon" in message
    assert "needs at least 30 km a week and a 16 km long run" in message
    advice = " ".join(refused.value.advice)
    assert "shorter race (half marathon, 10 km, 5 km)" in advice
    assert "run-walk" in advice
    assert "weeks" in advice


def test_a_race_listed_as_42200_m_is_a_marathon() -> None:
    plan = generate_plan(marathon_request(race_distance_m=42_200.0))
    assert [w.phase for w in plan.weeks].count(Phase.TAPER) == 3
    (race,) = [run for run in plan.runs if run.type is RunType.RACE]
    assert race.description.startswith("Race: marathon,")
    assert race.distance_m == 42_200.0


def test_any_distance_in_range_is_planned() -> None:
    plan = generate_plan(marathon_request(race_distance_m=15_000.0))
    (race,) = [run for run in plan.runs if run.type is RunType.RACE]
    assert race.description.startswith("Race: 15 km,")


def test_a_beginner_gets_a_conservative_default_and_is_told() -> None:
    plan = generate_plan(marathon_request(current_vdot=None, recent_weekly_km=0, race_distance_m=5000))
    assert plan.vdot == 30
    assert plan.vdot_is_default
    assert any("conservative default of 30" in warning for warning in plan.warnings)
    assert any("starts there" in warning for warning in plan.warnings)


def test_a_race_this_week_gives_a_race_week_from_today() -> None:
    # 10 km from a 40 km week on five days: a race this Sunday is a race week, nothing more.
    plan = generate_plan(marathon_request(race_date=date(2025, 1, 5), race_distance_m=10_000))
    assert plan.start_date == TODAY
    (week,) = plan.weeks
    assert week.phase is Phase.TAPER
    assert all(TODAY <= run.date <= date(2025, 1, 5) for run in week.runs)


def test_constraints_shape_the_week() -> None:
    constraints = PlanConstraints(
        unavailable_weekdays=frozenset({0, 4}), long_run_weekday=5, max_weekly_km=50
    )
    plan = generate_plan(marathon_request(constraints=constraints))
    training = [run for run in plan.runs if run.type is not RunType.RACE]
    assert {run.date.weekday() for run in training} <= {1, 2, 3, 5, 6}
    assert all(run.date.weekday() == 5 for run in training if run.type is RunType.LONG)
    assert max(week.training_km for week in plan.weeks) <= 50


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"race_date": TODAY}, "race_date 2025-01-01 must be after today 2025-01-01"),
        ({"race_date": TODAY + timedelta(days=400)}, "plans cover at most 366 days"),
        ({"race_distance_m": 50_000.0}, "race_distance_m must be between 1485 and 42617 m"),
        ({"days_per_week": 2}, "days_per_week must be between 3 and 7, got 2"),
        ({"recent_weekly_km": -1.0}, "recent_weekly_km must be between 0 and 250"),
        ({"current_vdot": 120.0}, "current_vdot: vdot 120 is above 92"),
        ({"goal_time_s": 3600.0}, "goal_time_s: 42195 m in 1:00:00"),
        (
            {"constraints": PlanConstraints(unavailable_weekdays=frozenset({0, 1, 2}))},
            "days_per_week is 5 but only 4 weekdays are available",
        ),
        (
            {"constraints": PlanConstraints(frozenset({6}), long_run_weekday=6)},
            "long_run_weekday 6 (Sunday) is also unavailable",
        ),
        (
            {"constraints": PlanConstraints(max_weekly_km=5)},
            "max_weekly_km must be at least 10",
        ),
    ],
)
def test_inconsistent_requests_are_refused_saying_why(changes: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidPlanRequest) as raised:
        generate_plan(marathon_request(**changes))
    assert words in str(raised.value)
