"""Training plans: a worked example, the goal check, validation."""

from datetime import date, timedelta

import pytest

from runnerly_training.model import (
    InvalidPlanRequest,
    Phase,
    PlanConstraints,
    PlanRequest,
    RunType,
    generate_plan,
    predict_time,
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


def test_a_16_week_marathon_plan_is_periodised() -> None:
    plan = generate_plan(marathon_request())
    assert plan.start_date == date(2025, 1, 6)
    assert len(plan.weeks) == 16
    phases = [week.phase for week in plan.weeks]
    assert phases == sorted(phases, key=list(Phase).index)
    assert phases.count(Phase.TAPER) == 3
    assert [w.is_recovery for w in plan.weeks].count(True) == 3
    volumes = [round(w.training_km, 1) for w in plan.weeks]
    assert volumes[0] == 40.0
    assert max(volumes) == 70.0
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


def test_the_race_target_is_the_goal_when_within_reach() -> None:
    reachable_goal = predict_time(46.5, MARATHON)
    plan = generate_plan(marathon_request(goal_time_s=reachable_goal))
    assert plan.target_time_s == reachable_goal
    assert plan.warnings == ()


def test_a_goal_far_beyond_fitness_gets_a_warning_and_a_realistic_target() -> None:
    plan = generate_plan(marathon_request(goal_time_s=3 * 3600))
    (warning,) = plan.warnings
    assert "Goal 3:00:00 needs VDOT 53.5" in warning
    assert "plausibly add 6.0 %" in warning
    realistic = predict_time(45 * 1.06, MARATHON)
    assert plan.target_time_s == pytest.approx(realistic)
    assert "Realistic target: 3:18:21" in warning


def test_a_beginner_gets_a_conservative_default_and_is_told() -> None:
    plan = generate_plan(marathon_request(current_vdot=None, recent_weekly_km=0, race_distance_m=5000))
    assert plan.vdot == 30
    assert plan.vdot_is_default
    assert any("conservative default of 30" in warning for warning in plan.warnings)
    assert any("starts there" in warning for warning in plan.warnings)


def test_a_race_this_week_gives_a_race_week_from_today() -> None:
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
        ({"race_distance_m": 50_000.0}, "race_distance_m must be between 1500 and 42195"),
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
