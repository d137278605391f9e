"""Plan inputs and their validation."""

import math
from dataclasses import dataclass, field
from datetime import date

from ..errors import InvalidPerformance, InvalidPlanRequest, InvalidVdot
from ..vdot import validate_performance, validate_vdot
from .distances import DISTANCE_TOLERANCE, MARATHON_M

MIN_PLAN_DISTANCE_M = 1500.0 * (1 - DISTANCE_TOLERANCE)
# Beyond the marathon, plans need back-to-back long runs this generator does not model;
# a marathon course listed a little long (42.2 km) is still a marathon.
MAX_PLAN_DISTANCE_M = MARATHON_M * (1 + DISTANCE_TOLERANCE)
MAX_LONGEST_RUN_KM = 100.0
MAX_PLAN_DAYS = 366
MIN_DAYS_PER_WEEK = 3
MAX_DAYS_PER_WEEK = 7
MAX_RECENT_WEEKLY_KM = 250.0
# Below this a weekly cap leaves no room for a long run and a session.
MIN_WEEKLY_CAP_KM = 10.0
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PlanConstraints:
    """Weekdays are 0 = Monday … 6 = Sunday."""

    unavailable_weekdays: frozenset[int] = frozenset()
    long_run_weekday: int | None = None
    max_weekly_km: float | None = None


@dataclass(frozen=True)
class PlanRequest:
    """``recent_weekly_km`` is what the runner has been doing (e.g. the last 4 weeks' mean);
    ``recent_longest_run_km`` their longest run of the last weeks (the long run builds from it)."""

    today: date
    race_date: date
    race_distance_m: float
    recent_weekly_km: float
    days_per_week: int
    current_vdot: float | None = None
    goal_time_s: float | None = None
    constraints: PlanConstraints = field(default_factory=PlanConstraints)
    recent_longest_run_km: float | None = None

    @property
    def available_weekdays(self) -> tuple[int, ...]:
        return tuple(d for d in range(7) if d not in self.constraints.unavailable_weekdays)


def validate_request(request: PlanRequest) -> None:
    """Raise :class:`InvalidPlanRequest` naming the first input that is wrong."""
    _check_dates(request)
    _check_distance(request.race_distance_m)
    _check_volume(request)
    _check_days(request)
    _check_fitness(request)


def _check_dates(request: PlanRequest) -> None:
    days = (request.race_date - request.today).days
    if days <= 0:
        raise InvalidPlanRequest(f"race_date {request.race_date} must be after today {request.today}")
    if days > MAX_PLAN_DAYS:
        raise InvalidPlanRequest(
            f"race_date {request.race_date} is {days} days away; plans cover at most {MAX_PLAN_DAYS} days"
        )


def _check_distance(distance_m: float) -> None:
    if not math.isfinite(distance_m) or not (MIN_PLAN_DISTANCE_M <= distance_m <= MAX_PLAN_DISTANCE_M):
        raise InvalidPlanRequest(
            f"race_distance_m must be between {MIN_PLAN_DISTANCE_M:.0f} and "
            f"{MAX_PLAN_DISTANCE_M:.0f} m (1500 m to the marathon, 1 % either way), got {distance_m!r}"
        )


def _check_volume(request: PlanRequest) -> None:
    recent = request.recent_weekly_km
    if not math.isfinite(recent) or not 0 <= recent <= MAX_RECENT_WEEKLY_KM:
        raise InvalidPlanRequest(
            f"recent_weekly_km must be between 0 and {MAX_RECENT_WEEKLY_KM:g}, got {recent!r}"
        )
    longest = request.recent_longest_run_km
    if longest is not None and (not math.isfinite(longest) or not 0 <= longest <= MAX_LONGEST_RUN_KM):
        raise InvalidPlanRequest(
            f"recent_longest_run_km must be between 0 and {MAX_LONGEST_RUN_KM:g}, got {longest!r}"
        )
    cap = request.constraints.max_weekly_km
    if cap is not None and (not math.isfinite(cap) or cap < MIN_WEEKLY_CAP_KM):
        raise InvalidPlanRequest(f"max_weekly_km must be at least {MIN_WEEKLY_CAP_KM:g}, got {cap!r}")


def _check_days(request: PlanRequest) -> None:
    days = request.days_per_week
    if not MIN_DAYS_PER_WEEK <= days <= MAX_DAYS_PER_WEEK:
        raise InvalidPlanRequest(
            f"days_per_week must be between {MIN_DAYS_PER_WEEK} and {MAX_DAYS_PER_WEEK}, got {days!r}"
        )
    constraints = request.constraints
    if any(not 0 <= d <= 6 for d in constraints.unavailable_weekdays):
        raise InvalidPlanRequest("unavailable_weekdays must hold weekdays 0 (Monday) to 6")
    available = len(request.available_weekdays)
    if available < days:
        raise InvalidPlanRequest(f"days_per_week is {days} but only {available} weekdays are available")
    _check_long_run_day(constraints)


def _check_long_run_day(constraints: PlanConstraints) -> None:
    weekday = constraints.long_run_weekday
    if weekday is None:
        return
    if not 0 <= weekday <= 6:
        raise InvalidPlanRequest(f"long_run_weekday must be 0 to 6, got {weekday!r}")
    if weekday in constraints.unavailable_weekdays:
        raise InvalidPlanRequest(f"long_run_weekday {weekday} ({WEEKDAY_NAMES[weekday]}) is also unavailable")


def _check_fitness(request: PlanRequest) -> None:
    try:
        if request.current_vdot is not None:
            validate_vdot(request.current_vdot)
        if request.goal_time_s is not None:
            validate_performance(request.race_distance_m, request.goal_time_s)
    except (InvalidVdot, InvalidPerformance) as error:
        name = "current_vdot" if isinstance(error, InvalidVdot) else "goal_time_s"
        raise InvalidPlanRequest(f"{name}: {error}") from error
