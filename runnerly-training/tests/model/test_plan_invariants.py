"""What every plan must respect, over many generated runners and races."""

import itertools
from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from runnerly_training.model import (
    PlanConstraints,
    PlanRequest,
    RunType,
    TrainingPlan,
    generate_plan,
    predict_time,
)
from runnerly_training.model.plan.volume import MAX_WEEKLY_INCREASE, by_distance
from runnerly_training.model.plan.weeks import LONG_RUN_CAP_KM, LONG_RUN_CAP_SHARE

# Week targets are rounded to 100 m; allow that much on comparisons.
ROUNDING_KM = 0.1
race_distances = st.sampled_from([1500.0, 5000.0, 10_000.0, 21_097.5, 42_195.0]) | st.floats(
    min_value=1500, max_value=42_195
)


@st.composite
def plan_requests(draw: st.DrawFn) -> PlanRequest:
    today = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
    distance = draw(race_distances)
    days = draw(st.integers(min_value=3, max_value=7))
    unavailable = draw(st.frozensets(st.integers(0, 6), max_size=7 - days))
    available = [day for day in range(7) if day not in unavailable]
    vdot = draw(st.none() | st.floats(min_value=28, max_value=80))
    goal_vdot = draw(st.none() | st.floats(min_value=25, max_value=85))
    constraints = PlanConstraints(
        unavailable_weekdays=unavailable,
        long_run_weekday=draw(st.none() | st.sampled_from(available)),
        max_weekly_km=draw(st.none() | st.floats(min_value=10, max_value=150)),
    )
    return PlanRequest(
        today=today,
        race_date=today + timedelta(days=draw(st.integers(min_value=1, max_value=300))),
        race_distance_m=distance,
        recent_weekly_km=draw(st.floats(min_value=0, max_value=150)),
        days_per_week=days,
        current_vdot=vdot,
        goal_time_s=None if goal_vdot is None else predict_time(goal_vdot, distance),
        constraints=constraints,
    )


@given(plan_requests())
def test_no_week_grows_more_than_ten_percent_over_the_last_normal_week(
    request: PlanRequest,
) -> None:
    plan = generate_plan(request)
    reference = None
    for week in plan.weeks:
        if reference is not None:
            assert week.training_km <= reference * MAX_WEEKLY_INCREASE + ROUNDING_KM
        if not week.is_recovery:
            reference = week.training_km


@given(plan_requests())
def test_the_taper_cuts_volume_week_after_week(request: PlanRequest) -> None:
    plan = generate_plan(request)
    volumes = [week.training_km for week in plan.weeks]
    first_taper = next(i for i, week in enumerate(plan.weeks) if week.phase == "taper")
    taper = volumes[max(first_taper - 1, 0) :]
    assert all(later < earlier for earlier, later in itertools.pairwise(taper))


@given(plan_requests())
def test_runs_fall_between_today_and_race_day_and_only_the_race_on_race_day(
    request: PlanRequest,
) -> None:
    plan = generate_plan(request)
    runs = plan.runs
    assert all(request.today <= run.date <= request.race_date for run in runs)
    on_race_day = [run for run in runs if run.date == request.race_date]
    assert [run.type for run in on_race_day] == [RunType.RACE]
    assert runs[-1].type is RunType.RACE
    assert max(Counter(run.date for run in runs).values()) == 1


@given(plan_requests())
def test_the_runners_weekdays_and_days_per_week_are_respected(request: PlanRequest) -> None:
    plan = generate_plan(request)
    unavailable = request.constraints.unavailable_weekdays
    for week in plan.weeks:
        assert len(week.runs) <= request.days_per_week
        training = [run for run in week.runs if run.type is not RunType.RACE]
        assert all(run.date.weekday() not in unavailable for run in training)


@given(plan_requests())
def test_the_long_run_stays_within_its_caps(request: PlanRequest) -> None:
    plan = generate_plan(request)
    cap_km = by_distance(LONG_RUN_CAP_KM, request.race_distance_m)
    for week in plan.weeks:
        for run in week.runs:
            if run.type is RunType.LONG:
                assert run.distance_m / 1000 <= LONG_RUN_CAP_SHARE * week.training_km + 1e-9
                assert run.distance_m / 1000 <= cap_km
            if request.constraints.long_run_weekday is not None and run.type is RunType.LONG:
                assert run.date.weekday() == request.constraints.long_run_weekday


@given(plan_requests())
def test_every_run_is_described_with_a_sane_pace_and_size(request: PlanRequest) -> None:
    plan: TrainingPlan = generate_plan(request)
    cap = request.constraints.max_weekly_km
    for week in plan.weeks:
        if cap is not None:
            assert week.training_km <= cap + ROUNDING_KM
        for run in week.runs:
            assert run.distance_m > 0
            assert run.duration_s > 0
            assert 0 < run.target_pace.min_s_per_km <= run.target_pace.max_s_per_km
            assert run.description
