"""The plan generator: from a :class:`PlanRequest` to a :class:`TrainingPlan`.

Paces come from the current VDOT (Daniels: train at the fitness you have, not the one
you hope for), and the race target is never faster than the race pace those paces
train: without a goal it is the time predicted at the current VDOT; a faster goal is
named in a warning, and the re-test 3-4 weeks before the race is where a runner earns
it (a faster re-test re-plans the remaining weeks, see :func:`replan`).
"""

from dataclasses import replace
from datetime import date, timedelta

from ..formatting import format_duration
from ..paces import TrainingPaces, training_paces
from ..vdot import DEFAULT_BEGINNER_VDOT, predict_time, vdot
from .distances import category_distance, race_name
from .entities import PlanWeek, TrainingPlan
from .feasibility import check_feasible
from .long_run import LongRunRule, long_run_rule
from .request import PlanRequest, validate_request
from .schedule import long_run_weekday, quality_weekdays, run_weekdays
from .volume import MIN_START_KM, WeekFrame, peak_km, start_km, week_frames
from .weeks import WeekContext, build_week

# The re-test falls about 24 days before the race (3-4 weeks), in a week with sessions.
RETEST_DAYS_BEFORE = 24
MIN_WEEKS_FOR_RETEST = 6
RETEST_DISTANCES_M = (5000, 3000)


def generate_plan(request: PlanRequest) -> TrainingPlan:
    """A periodised plan to race day; raises :class:`InvalidPlanRequest` on bad input and
    :class:`InfeasiblePlan` when the plan could not prepare the runner for the race."""
    validate_request(request)
    vdot_value, warnings = _vdot_used(request)
    paces = training_paces(vdot_value)
    predicted_s = predicted_race_time(vdot_value, request.race_distance_m)
    target_s, target_warnings = race_target(request, vdot_value)
    first = first_plan_day(request.today)
    weekdays, long_day = _run_days(request)
    rule = long_run_rule(
        request.race_distance_m,
        request.days_per_week,
        paces,
        request.recent_longest_run_km,
        request.recent_weekly_km,
    )
    frames, volume_warnings = _frames(request, first, weekdays, rule)
    check_feasible(request, frames, rule)
    context = _context(request, paces, (first, weekdays, long_day), rule, target_s)
    context = replace(context, retest=_retest(frames, request, vdot_value, (weekdays, long_day)))
    weeks = tuple(build_week(frame, context) for frame in frames)
    return TrainingPlan(
        start_date=first,
        race_date=request.race_date,
        race_distance_m=request.race_distance_m,
        vdot=vdot_value,
        vdot_is_default=request.current_vdot is None,
        paces=paces,
        predicted_time_s=predicted_s,
        target_time_s=target_s,
        weeks=weeks,
        warnings=(*warnings, *target_warnings, *volume_warnings),
        retest_date=_retest_date(weeks),
    )


def replan(request: PlanRequest, done: TrainingPlan, new_vdot: float, today: date) -> TrainingPlan:
    """The plan after a faster effort (the re-test, a race): the same weeks and volumes,
    the runs before ``today`` kept as they were, those from ``today`` on at the new paces
    and toward the new target. A slower effort changes nothing: one bad day is not lost
    fitness (the fade in ``fitness.py`` handles time)."""
    if new_vdot <= done.vdot:
        return done
    fresh = generate_plan(replace(request, current_vdot=new_vdot))
    weeks = tuple(_spliced(old, new, today) for old, new in zip(done.weeks, fresh.weeks, strict=True))
    return replace(fresh, weeks=weeks, start_date=done.start_date)


def race_target(request: PlanRequest, vdot_value: float) -> tuple[float, tuple[str, ...]]:
    """The goal if no faster than the time predicted now, else the predicted time."""
    predicted_s = predicted_race_time(vdot_value, request.race_distance_m)
    goal_s = request.goal_time_s
    if goal_s is None or goal_s >= predicted_s:
        return (predicted_s if goal_s is None else goal_s), ()
    goal_vdot = vdot(request.race_distance_m, goal_s)
    return predicted_s, (
        f"Goal {format_duration(goal_s)} needs VDOT {goal_vdot:.1f}, "
        f"{(goal_vdot / vdot_value - 1) * 100:.1f} % above the current {vdot_value:.1f}. "
        f"The plan trains at the current fitness, so the race target is "
        f"{format_duration(predicted_s)}; the re-test 3-4 weeks before the race updates "
        "paces and target if you have become faster.",
    )


def predicted_race_time(vdot_value: float, distance_m: float) -> float:
    """The time predicted today; a standard race listed a little off its distance (42.2 km)
    is run at the standard race's pace, the pace its sessions train."""
    standard_m = category_distance(distance_m)
    return predict_time(vdot_value, standard_m) * distance_m / standard_m


def first_plan_day(today: date) -> date:
    """Today: a plan that starts mid-week uses the rest of that week."""
    return today


def _spliced(old: PlanWeek, new: PlanWeek, today: date) -> PlanWeek:
    kept = tuple(run for run in old.runs if run.date < today)
    ahead = tuple(run for run in new.runs if run.date >= today)
    return replace(new, runs=kept + ahead)


def _vdot_used(request: PlanRequest) -> tuple[float, tuple[str, ...]]:
    if request.current_vdot is not None:
        return request.current_vdot, ()
    return DEFAULT_BEGINNER_VDOT, (
        f"No current VDOT: paces use a conservative default of {DEFAULT_BEGINNER_VDOT:g} "
        "(a 30:40 5 km). Race or time-trial a 5 km to calibrate them.",
    )


def _run_days(request: PlanRequest) -> tuple[tuple[int, ...], int]:
    available = request.available_weekdays
    long_day = long_run_weekday(available, request.constraints.long_run_weekday)
    return run_weekdays(available, request.days_per_week, long_day), long_day


def _frames(
    request: PlanRequest, first: date, weekdays: tuple[int, ...], rule: LongRunRule
) -> tuple[tuple[WeekFrame, ...], tuple[str, ...]]:
    cap = _weekly_cap(request, rule)
    start = start_km(request.recent_weekly_km, cap)
    peak = peak_km(request.race_distance_m, start, request.days_per_week, cap)
    ahead = sum(1 for weekday in weekdays if weekday >= first.weekday())
    frames = week_frames(
        first, request.race_date, request.race_distance_m, (start, peak), ahead / request.days_per_week
    )
    return frames, _volume_warnings(request, rule)


def _weekly_cap(request: PlanRequest, rule: LongRunRule) -> float:
    """The user's cap, and what the run days can hold with no run longer than the long run
    (one day left for a shorter session)."""
    holdable = rule.cap_m / 1000 * (request.days_per_week - 1)
    cap = request.constraints.max_weekly_km
    return min(cap, holdable) if cap is not None else holdable


def _volume_warnings(request: PlanRequest, rule: LongRunRule) -> tuple[str, ...]:
    warnings = []
    if request.recent_weekly_km < MIN_START_KM:
        warnings.append(
            f"Recent volume {request.recent_weekly_km:g} km/week is below the "
            f"{MIN_START_KM:g} km a race plan starts from; the plan starts there."
        )
    cap = request.constraints.max_weekly_km
    if cap is not None and cap < request.recent_weekly_km:
        warnings.append(
            f"max_weekly_km {cap:g} is below the recent {request.recent_weekly_km:g} km/week; "
            "the plan starts at the cap."
        )
    holdable = rule.cap_m / 1000 * (request.days_per_week - 1)
    if request.recent_weekly_km > holdable:
        warnings.append(
            f"{request.days_per_week} runs a week hold at most {holdable:.0f} km with no run longer "
            f"than the {rule.cap_m / 1000:g} km long run; run more days to keep your volume."
        )
    return tuple(warnings)


def _retest(
    frames: tuple[WeekFrame, ...], request: PlanRequest, vdot_value: float, days: tuple[tuple[int, ...], int]
) -> tuple[date, int, float] | None:
    """The week of the re-test, its distance and the time predicted for it today: the full,
    non-recovery week whose session day falls closest to 24 days before the race, within
    17-31 days (3-4 weeks, give or take the weekday)."""
    full = [f for f in frames if not f.is_partial]
    if len(full) < MIN_WEEKS_FOR_RETEST:
        return None
    weekdays, long_day = days
    session_days = quality_weekdays(weekdays, long_day, 1) or (weekdays[0],)
    offsets = {
        f.week_start: (request.race_date - (f.week_start + timedelta(days=session_days[0]))).days
        for f in full
        if not f.is_recovery
    }
    fitting = {start: days_before for start, days_before in offsets.items() if 17 <= days_before <= 31}
    if not fitting:
        return None
    week = min(fitting, key=lambda start: abs(fitting[start] - RETEST_DAYS_BEFORE))
    distance = next(
        d for d in RETEST_DISTANCES_M if d < category_distance(request.race_distance_m) or d == 3000
    )
    return week, distance, predict_time(vdot_value, distance)


def _retest_date(weeks: tuple[PlanWeek, ...]) -> date | None:
    return next((run.date for week in weeks for run in week.runs if run.type == "time_trial"), None)


def _context(
    request: PlanRequest,
    paces: TrainingPaces,
    days: tuple[date, tuple[int, ...], int],
    rule: LongRunRule,
    target_s: float,
) -> WeekContext:
    first, weekdays, long_day = days
    return WeekContext(
        request=request,
        paces=paces,
        run_weekdays=weekdays,
        long_weekday=long_day,
        first_day=first,
        race_name=race_name(request.race_distance_m),
        target_time_s=target_s,
        long_rule=rule,
    )
