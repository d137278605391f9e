"""The plan generator: from a :class:`PlanRequest` to a :class:`TrainingPlan`."""

from datetime import date, timedelta

from ..formatting import format_duration
from ..paces import TrainingPaces, training_paces
from ..vdot import DEFAULT_BEGINNER_VDOT, STANDARD_DISTANCES_M, predict_time, vdot
from .entities import TrainingPlan
from .request import PlanRequest, validate_request
from .schedule import long_run_weekday, run_weekdays
from .volume import MIN_START_KM, WeekFrame, by_distance, peak_km, start_km, week_frames
from .weeks import WeekContext, build_week

# A plausible gain from structured training: 0.5 % VDOT a week, at most 6 % in
# one build. A goal needing more than that gets a warning and a realistic target.
GAIN_PER_WEEK = 0.005
MAX_GAIN = 0.06
# Peak weekly km below which a plan is thin for the distance (upper bound, km).
THIN_PEAK_KM = ((5000.0, 20.0), (10_000.0, 25.0), (21_097.5, 30.0), (42_195.0, 45.0))


def generate_plan(request: PlanRequest) -> TrainingPlan:
    """A periodised plan to race day; raises :class:`InvalidPlanRequest` on bad input."""
    validate_request(request)
    vdot_value, warnings = _vdot_used(request)
    paces = training_paces(vdot_value)
    target_s, target_warnings = race_target(request, vdot_value)
    frames, volume_warnings = _frames(request)
    context = _context(request, paces, target_s)
    weeks = tuple(build_week(frame, context) for frame in frames)
    return TrainingPlan(
        start_date=context.first_day,
        race_date=request.race_date,
        race_distance_m=request.race_distance_m,
        vdot=vdot_value,
        vdot_is_default=request.current_vdot is None,
        paces=paces,
        predicted_time_s=predict_time(vdot_value, request.race_distance_m),
        target_time_s=target_s,
        weeks=weeks,
        warnings=(*warnings, *target_warnings, *volume_warnings),
    )


def plausible_gain(today: date, race_date: date) -> float:
    """Fraction of VDOT a runner can plausibly add before race day."""
    weeks = (race_date - today).days / 7
    return min(GAIN_PER_WEEK * weeks, MAX_GAIN)


def race_target(request: PlanRequest, vdot_value: float) -> tuple[float, tuple[str, ...]]:
    """The goal if within reach, else the time at current VDOT plus a plausible gain."""
    gain = plausible_gain(request.today, request.race_date)
    reachable = vdot_value * (1 + gain)
    realistic_s = predict_time(reachable, request.race_distance_m)
    goal_s = request.goal_time_s
    if goal_s is None:
        return realistic_s, ()
    goal_vdot = vdot(request.race_distance_m, goal_s)
    if goal_vdot <= reachable:
        return goal_s, ()
    return realistic_s, (
        f"Goal {format_duration(goal_s)} needs VDOT {goal_vdot:.1f}, "
        f"{(goal_vdot / vdot_value - 1) * 100:.1f} % above the current {vdot_value:.1f}; "
        f"the weeks to race day plausibly add {gain * 100:.1f} %. "
        f"Realistic target: {format_duration(realistic_s)} (VDOT {reachable:.1f}).",
    )


def first_plan_day(today: date, race_date: date) -> date:
    """Next Monday (today if Monday); today itself when the race is this week."""
    next_monday = today + timedelta(days=(7 - today.weekday()) % 7)
    return today if race_date < next_monday else next_monday


def race_name(distance_m: float) -> str:
    for name, standard in STANDARD_DISTANCES_M.items():
        if abs(standard - distance_m) < 1:
            return name
    return f"{distance_m / 1000:g} km"


def _vdot_used(request: PlanRequest) -> tuple[float, tuple[str, ...]]:
    if request.current_vdot is not None:
        return request.current_vdot, ()
    return DEFAULT_BEGINNER_VDOT, (
        f"No current VDOT: paces use a conservative default of {DEFAULT_BEGINNER_VDOT:g} "
        "(a 30:40 5 km). Race or time-trial a 5 km to calibrate them.",
    )


def _frames(request: PlanRequest) -> tuple[tuple[WeekFrame, ...], tuple[str, ...]]:
    cap = request.constraints.max_weekly_km
    start = start_km(request.recent_weekly_km, cap)
    peak = peak_km(request.race_distance_m, start, request.days_per_week, cap)
    first = first_plan_day(request.today, request.race_date)
    monday = first - timedelta(days=first.weekday())
    frames = week_frames(monday, request.race_date, request.race_distance_m, start, peak)
    return frames, _volume_warnings(request, start, peak)


def _volume_warnings(request: PlanRequest, start: float, peak: float) -> tuple[str, ...]:
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
    thin = by_distance(THIN_PEAK_KM, request.race_distance_m)
    if peak < thin:
        warnings.append(
            f"Peak volume {peak:.0f} km/week is thin for a {race_name(request.race_distance_m)} "
            f"(plans usually reach {thin:g}); expect the race to feel hard."
        )
    return tuple(warnings)


def _context(request: PlanRequest, paces: TrainingPaces, target_s: float) -> WeekContext:
    available = request.available_weekdays
    long_day = long_run_weekday(available, request.constraints.long_run_weekday)
    return WeekContext(
        request=request,
        paces=paces,
        run_weekdays=run_weekdays(available, request.days_per_week, long_day),
        long_weekday=long_day,
        first_day=first_plan_day(request.today, request.race_date),
        race_name=race_name(request.race_distance_m),
        target_time_s=target_s,
    )
