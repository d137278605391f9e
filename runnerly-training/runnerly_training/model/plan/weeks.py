"""Turning one week's target volume into dated runs.

Order of business: the quality sessions take their Daniels-sized volumes (none longer than
the long run), the long run its share (see ``long_run``), and easy runs split what is
left. When the week is too small for all of that, sessions go first, then easy days,
never the volume. Race week follows the taper: its training volume is the taper's, with
one short sharpening session early in the week.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..paces import TrainingPaces
from .distances import category_distance, race_group
from .entities import Phase, PlannedRun, PlanWeek, RunType
from .long_run import LongRunRule
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
    sharpening_workout,
    time_trial_workout,
    workout_run,
)
from .volume import WeekFrame

MIN_RUN_M = 3000
# The sharpening session is at least this many days before the race.
SHARPENING_DAYS_BEFORE = 3
QUALITY_BY_PHASE = {
    (Phase.BUILD, "short"): (RunType.THRESHOLD, RunType.REPETITION),
    (Phase.BUILD, "half"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.BUILD, "marathon"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.PEAK, "5k"): (RunType.INTERVALS, RunType.REPETITION),
    (Phase.PEAK, "short"): (RunType.INTERVALS, RunType.THRESHOLD),
    (Phase.PEAK, "half"): (RunType.THRESHOLD, RunType.INTERVALS),
    (Phase.PEAK, "marathon"): (RunType.MARATHON_PACE, RunType.THRESHOLD),
}
SHARPENING = {"short": RunType.REPETITION, "half": RunType.THRESHOLD, "marathon": RunType.MARATHON_PACE}


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
    long_rule: LongRunRule
    retest: tuple[date, int, float] | None = None  # week start, distance, predicted time


def build_week(frame: WeekFrame, context: WeekContext) -> PlanWeek:
    race_date = context.request.race_date
    first = max(context.first_day, frame.week_start)
    days = (frame.week_start + timedelta(days=weekday) for weekday in context.run_weekdays)
    dates = [day for day in days if first <= day < race_date]
    if race_date < frame.week_start + timedelta(weeks=1):
        runs = _race_week(frame, dates, context)
    else:
        runs = _training_week(frame, dates, context)
    return PlanWeek(frame.week_start, frame.phase, frame.is_recovery, runs, frame.is_partial)


def quality_kinds(frame: WeekFrame, distance_m: float, days_per_week: int) -> tuple[RunType, ...]:
    """Sessions for the week: none in base, one when days or recovery call for it."""
    phase = Phase.PEAK if frame.phase is Phase.TAPER else frame.phase
    group = race_group(distance_m)
    if phase is Phase.PEAK and category_distance(distance_m) <= 5000:
        group = "5k"
    kinds = QUALITY_BY_PHASE.get((phase, group), ())
    if frame.is_recovery or frame.phase is Phase.TAPER:
        return kinds[:1]
    if days_per_week <= 4 and kinds:  # one session a week: the phase's two kinds take turns
        return (kinds[frame.number % len(kinds)],)
    return kinds


def _training_week(frame: WeekFrame, dates: Sequence[date], context: WeekContext) -> tuple[PlannedRun, ...]:
    week_m = round(frame.target_km * 10) * STEP_M
    long_day = next((d for d in dates if d.weekday() == context.long_weekday), None)
    if long_day is None:  # a partial first week that starts after the long-run day
        return tuple(_easy_only(week_m, dates, context))
    rule = context.long_rule
    target_long = rule.target_m(week_m, frame.number)
    sessions = _sessions(frame, dates, long_day, context, target_long)
    easy_days = [d for d in dates if d != long_day and d not in sessions]
    sessions, easy_days = _fit(week_m, sessions, easy_days, long_day)
    ceiling_m = rule.ceiling_m(week_m)
    sizes = _sizes(week_m, sessions, len(easy_days), min(target_long, ceiling_m), ceiling_m)
    sessions, long_m, easy_m = sizes
    runs = [long_run(long_day, long_m, context.paces)]
    runs += [workout_run(day, workout, context.paces) for day, workout in sessions.items()]
    runs += _easy_runs(easy_days, easy_m, long_day, len(sessions), context)
    return tuple(sorted(runs, key=lambda run: run.date))


def _sizes(
    week_m: int, sessions: dict[date, Workout], easy_count: int, long_target_m: int, ceiling_m: int
) -> tuple[dict[date, Workout], int, list[int]]:
    """The long run at its target (at least every session, leaving 3 km per easy run);
    easy runs share the rest up to the long run's length. Easy runs that would outgrow it
    raise the long run up to its ceiling first, then lengthen the sessions' cool-downs, and
    only what is still left raises the long run past its share (a week of too few runs)."""
    budget_m = week_m - sum(w.distance_m for w in sessions.values())
    longest_session_m = max((w.distance_m for w in sessions.values()), default=0)
    long_m = max(longest_session_m, min(long_target_m, budget_m - easy_count * MIN_RUN_M))
    easy_m = _split(budget_m - long_m, easy_count)
    if all(m <= long_m for m in easy_m):
        return sessions, long_m, easy_m
    long_m = max(long_m, min(_even_share(budget_m, easy_count), ceiling_m))
    easy_m = _split(budget_m - long_m, easy_count)
    surplus = sum(max(0, m - long_m) for m in easy_m)
    sessions, surplus = _lengthened(sessions, surplus, long_m)
    budget_m = week_m - sum(w.distance_m for w in sessions.values())
    if surplus:
        long_m = max(long_m, _even_share(budget_m, easy_count))
    return sessions, long_m, _split(budget_m - long_m, easy_count)


def _lengthened(sessions: dict[date, Workout], surplus: int, long_m: int) -> tuple[dict[date, Workout], int]:
    """Sessions with longer cool-downs, none past the long run; what did not fit is returned."""
    lengthened = {}
    for day, workout in sessions.items():
        extra = min(surplus, max(0, long_m - workout.distance_m))
        lengthened[day] = workout.lengthened(extra)
        surplus -= extra
    return lengthened, surplus


def _even_share(budget_m: int, easy_count: int) -> int:
    """The long run's least: an even share of what the sessions leave, so it is the longest."""
    return math.ceil(budget_m / (easy_count + 1) / STEP_M) * STEP_M


def _sessions(
    frame: WeekFrame, dates: Sequence[date], long_day: date, context: WeekContext, max_m: int
) -> dict[date, Workout]:
    week_m = round(frame.target_km * 10) * STEP_M
    workouts = [_workout_of(kind, week_m, context) for kind in _kinds(frame, context)]
    fitting = [w.within(max_m) for w in workouts if w is not None]
    chosen = [w for w in fitting if w is not None]
    weekdays = quality_weekdays([d.weekday() for d in dates], long_day.weekday(), len(chosen))
    by_weekday = {d.weekday(): d for d in dates}
    return {by_weekday[weekday]: w for weekday, w in zip(weekdays, chosen, strict=False)}


def _kinds(frame: WeekFrame, context: WeekContext) -> tuple[RunType, ...]:
    request = context.request
    kinds = quality_kinds(frame, request.race_distance_m, request.days_per_week)
    if context.retest is not None and context.retest[0] == frame.week_start:
        return (RunType.TIME_TRIAL, *kinds[1:])
    return kinds


def _workout_of(kind: RunType, week_m: int, context: WeekContext) -> Workout | None:
    if kind is RunType.TIME_TRIAL and context.retest is not None:
        _, distance_m, predicted_s = context.retest
        return time_trial_workout(distance_m, predicted_s)
    return WORKOUT_BUILDERS[kind](week_m, context.paces)


def _fit(
    week_m: int, sessions: dict[date, Workout], easy_days: list[date], long_day: date
) -> tuple[dict[date, Workout], list[date]]:
    """Drop sessions, then easy days, until every easy run holds 3 km and the long run is
    at least as long as every session."""
    sessions, easy_days = dict(sessions), list(easy_days)

    def short() -> bool:
        used = sum(w.distance_m for w in sessions.values())
        longest = max((w.distance_m for w in sessions.values()), default=0)
        return used + len(easy_days) * MIN_RUN_M + max(MIN_RUN_M, longest) > week_m

    while sessions and short():
        day, _ = sessions.popitem()  # the last-added session is the lesser one
        easy_days.append(day)  # its day stays a run day
    easy_days.sort()
    while easy_days and short():
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
    if count <= 0:
        return []
    steps, extra = divmod(max(total_m, 0) // STEP_M, count)
    return [(steps + (1 if index < extra else 0)) * STEP_M for index in range(count)]


def _easy_only(week_m: int, dates: Sequence[date], context: WeekContext) -> list[PlannedRun]:
    dates = list(dates)[: max(week_m // MIN_RUN_M, 0)]
    distances = _split(week_m, len(dates))
    return [
        easy_run(day, distance, context.paces, strides=index == 0)
        for index, (day, distance) in enumerate(zip(dates, distances, strict=True))
    ]


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
    """The taper's volume in a few easy runs, a short sharpening session early in the week
    when there is room, strides in the last run, then the race."""
    request = context.request
    target_m = round_down(frame.target_km * 1000)
    dates = sorted(dates)[: request.days_per_week - 1][: target_m // MIN_RUN_M]
    # With fewer days before the race than a full race week has, each run keeps its share of
    # a full week: a race early in the week means less volume, not long runs on its eve.
    if len(dates) < request.days_per_week - 1:
        target_m = min(target_m, len(dates) * round_down(target_m / (request.days_per_week - 1)))
    sharpening = _sharpening(dates, target_m, context)
    easy_dates = [d for d in dates if sharpening is None or d != sharpening[0]]
    sharpening_m = sharpening[1].distance_m if sharpening else 0
    distances = _split(target_m - sharpening_m, len(easy_dates))
    runs = [
        easy_run(day, distance, context.paces, strides=index == len(easy_dates) - 1)
        for index, (day, distance) in enumerate(zip(easy_dates, distances, strict=True))
    ]
    if sharpening:
        runs.append(workout_run(sharpening[0], sharpening[1], context.paces))
    race = race_run(request.race_date, request.race_distance_m, context.target_time_s, context.race_name)
    return (*sorted(runs, key=lambda run: run.date), race)


def _sharpening(dates: Sequence[date], target_m: int, context: WeekContext) -> tuple[date, Workout] | None:
    request = context.request
    early = [d for d in dates if (request.race_date - d).days >= SHARPENING_DAYS_BEFORE]
    if not early or len(dates) < 2:
        return None
    kind = SHARPENING[race_group(request.race_distance_m)]
    week_total_m = target_m + round_down(request.race_distance_m)
    workout = sharpening_workout(kind, week_total_m, context.paces)
    if workout is None or target_m - workout.distance_m < (len(dates) - 1) * MIN_RUN_M:
        return None
    return early[0], workout
