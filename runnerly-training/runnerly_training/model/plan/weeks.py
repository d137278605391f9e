"""Turning one week's target volume into dated runs.

Order of business: the long run takes its share, the quality sessions their
Daniels-sized volumes, and easy runs split what is left. When the week is too
small for all of that, sessions go first, then easy days, never the volume.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..paces import TrainingPaces
from .entities import Phase, PlannedRun, PlanWeek, RunType
from .request import PlanRequest
from .schedule import quality_weekdays, weekday_gap
from .sessions import (
    STEP_M,
    WORKOUT_BUILDERS,
    Workout,
    easy_run,
    long_run,
    race_run,
    recovery_run,
    round_down,
    workout_run,
)
from .volume import WeekFrame, by_distance

# Share of the week's km in the long run: 35 % (the cap) for the half and the
# marathon, where the long run is the key session; 30 % for shorter races, but never
# less than an even share, so that the long run is the longest run of the week.
LONG_RUN_SHARE = ((10_000.0, 0.30), (42_195.0, 0.35))
LONG_RUN_CAP_SHARE = 0.35
LONG_RUN_CAP_KM = ((5000.0, 16.0), (10_000.0, 20.0), (21_097.5, 24.0), (42_195.0, 32.0))
MIN_RUN_M = 3000
# Race-week runs stay short however big the training was: 10 % of the peak level.
RACE_WEEK_RUN_SHARE = 0.10
QUALITY_BY_PHASE = {
    (Phase.BUILD, "short"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.BUILD, "half"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.BUILD, "marathon"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.PEAK, "short"): (RunType.INTERVALS, RunType.THRESHOLD),
    (Phase.PEAK, "half"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.PEAK, "marathon"): (RunType.MARATHON_PACE, RunType.THRESHOLD),
}


@dataclass(frozen=True)
class WeekContext:
    """What every week of one plan shares."""

    request: PlanRequest
    paces: TrainingPaces
    run_weekdays: tuple[int, ...]
    long_weekday: int
    first_day: date
    race_name: str
    target_time_s: float


def build_week(frame: WeekFrame, context: WeekContext) -> PlanWeek:
    race_date = context.request.race_date
    dates = [
        frame.week_start + timedelta(days=weekday)
        for weekday in context.run_weekdays
        if context.first_day <= frame.week_start + timedelta(days=weekday) < race_date
    ]
    if race_date < frame.week_start + timedelta(weeks=1):
        runs = _race_week(frame, dates, context)
    else:
        runs = _training_week(frame, dates, context)
    return PlanWeek(frame.week_start, frame.phase, frame.is_recovery, runs)


def long_run_m(week_m: int, distance_m: float, days_per_week: int) -> int:
    """The week's share for the long run, within the absolute cap for the distance."""
    even_share = 1 / days_per_week
    share = min(max(by_distance(LONG_RUN_SHARE, distance_m), even_share), LONG_RUN_CAP_SHARE)
    cap_m = int(by_distance(LONG_RUN_CAP_KM, distance_m) * 1000)
    return min(round_down(share * week_m), cap_m)


def quality_kinds(frame: WeekFrame, distance_m: float, days_per_week: int) -> tuple[RunType, ...]:
    """Sessions for the week: none in base, one when days or recovery call for it."""
    phase = Phase.PEAK if frame.phase is Phase.TAPER else frame.phase
    kinds = QUALITY_BY_PHASE.get((phase, _distance_group(distance_m)), ())
    few = days_per_week <= 4 or frame.is_recovery or frame.phase is Phase.TAPER
    return kinds[:1] if few else kinds


def _training_week(frame: WeekFrame, dates: Sequence[date], context: WeekContext) -> tuple[PlannedRun, ...]:
    request, paces = context.request, context.paces
    week_m = round(frame.target_km * 10) * STEP_M
    long_day = next(d for d in dates if d.weekday() == context.long_weekday)
    long_m = long_run_m(week_m, request.race_distance_m, request.days_per_week)
    sessions = _sessions(frame, dates, long_day, context)
    easy_days = [d for d in dates if d != long_day and d not in sessions]
    sessions, easy_days = _fit(week_m - long_m, sessions, easy_days, long_day)
    remaining = week_m - long_m - sum(w.distance_m for w in sessions.values())
    easy_m = _split(remaining, len(easy_days))
    sessions, easy_m = _cap_easy_at_long(sessions, easy_m, long_m)
    runs = [long_run(long_day, long_m, paces)]
    runs += [workout_run(day, workout, paces) for day, workout in sessions.items()]
    runs += _easy_runs(easy_days, easy_m, long_day, len(sessions), context)
    return tuple(sorted(runs, key=lambda run: run.date))


def _sessions(
    frame: WeekFrame, dates: Sequence[date], long_day: date, context: WeekContext
) -> dict[date, Workout]:
    request = context.request
    kinds = quality_kinds(frame, request.race_distance_m, request.days_per_week)
    weekdays = quality_weekdays([d.weekday() for d in dates], long_day.weekday(), len(kinds))
    week_m = round(frame.target_km * 10) * STEP_M
    by_weekday = {d.weekday(): d for d in dates}
    return {
        by_weekday[weekday]: WORKOUT_BUILDERS[kind](week_m, context.paces)
        for weekday, kind in zip(weekdays, kinds, strict=False)
    }


def _fit(
    budget_m: int, sessions: dict[date, Workout], easy_days: list[date], long_day: date
) -> tuple[dict[date, Workout], list[date]]:
    """Drop sessions, then easy days, until every easy run can be at least 3 km."""
    sessions, easy_days = dict(sessions), list(easy_days)

    def short() -> bool:
        used = sum(w.distance_m for w in sessions.values())
        return used + len(easy_days) * MIN_RUN_M > budget_m

    while sessions and short():
        sessions.popitem()  # the last-added session is the lesser one
    while len(easy_days) > 1 and short():
        easy_days.remove(_most_crowded(easy_days, [long_day, *sessions]))
    return sessions, easy_days


def _most_crowded(easy_days: Sequence[date], hard_days: Sequence[date]) -> date:
    """The easy day closest to a hard day (ties: the later one) goes first."""
    return min(
        easy_days,
        key=lambda d: (
            min(weekday_gap(d.weekday(), h.weekday()) for h in hard_days),
            -d.toordinal(),
        ),
    )


def _split(total_m: int, count: int) -> list[int]:
    if count == 0:
        return []
    steps, extra = divmod(total_m // STEP_M, count)
    return [(steps + (1 if index < extra else 0)) * STEP_M for index in range(count)]


def _cap_easy_at_long(
    sessions: dict[date, Workout], easy_m: list[int], long_m: int
) -> tuple[dict[date, Workout], list[int]]:
    """Easy runs no longer than the long run; the surplus lengthens the sessions' cool-downs."""
    surplus = sum(max(0, m - long_m) for m in easy_m)
    if not sessions or surplus == 0:
        return sessions, easy_m
    shares = _split(surplus, len(sessions))
    lengthened = {
        day: workout.lengthened(extra) for (day, workout), extra in zip(sessions.items(), shares, strict=True)
    }
    return lengthened, [min(m, long_m) for m in easy_m]


def _easy_runs(
    days: Sequence[date],
    distances: Sequence[int],
    long_day: date,
    session_count: int,
    context: WeekContext,
) -> list[PlannedRun]:
    """Recovery the weekday after the long run (the previous week's, across Sunday);
    strides on one easy run in weeks with fewer than two sessions."""
    runs = []
    strides_left = 1 if session_count < 2 else 0
    for day, distance in zip(days, distances, strict=True):
        if day.weekday() == (long_day.weekday() + 1) % 7:
            runs.append(recovery_run(day, distance, context.paces))
            continue
        runs.append(easy_run(day, distance, context.paces, strides=strides_left > 0))
        strides_left -= 1
    return runs


def _race_week(frame: WeekFrame, dates: Sequence[date], context: WeekContext) -> tuple[PlannedRun, ...]:
    """Short easy runs before the race, strides in the last one, then the race."""
    request = context.request
    dates = sorted(dates)[: request.days_per_week - 1]  # the race is one of the week's runs
    per_run_cap = max(MIN_RUN_M, round_down(RACE_WEEK_RUN_SHARE * frame.level_km * 1000))
    target_m = round_down(frame.target_km * 1000)
    dates = dates[: target_m // MIN_RUN_M]
    volume_m = min(target_m, per_run_cap * len(dates))
    distances = _split(volume_m, len(dates))
    runs = [
        easy_run(day, distance, context.paces, strides=index == len(dates) - 1)
        for index, (day, distance) in enumerate(zip(dates, distances, strict=True))
    ]
    race = race_run(request.race_date, request.race_distance_m, context.target_time_s, context.race_name)
    return (*runs, race)


def _distance_group(distance_m: float) -> str:
    if distance_m <= 10_000:
        return "short"
    return "half" if distance_m <= 21_097.5 else "marathon"
