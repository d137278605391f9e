"""Single runs: easy, recovery, long, the quality workouts, the re-test and the race.

Quality volumes follow Daniels' limits as a share of the week (*Daniels' Running
Formula*, 3rd ed., ch. 4): running at threshold pace at most 10 % of the week, at
interval pace at most 8 %, at repetition pace at most 5 %, at marathon pace at most
20 %. The share wins over any minimum: a session whose least useful size does not fit
is not planned (strides on an easy run take its place). No session is longer than the
week's long run. Distances are whole multiples of 100 m so that weekly totals add up.
"""

import math
from dataclasses import dataclass, replace
from datetime import date

from ..formatting import format_duration, format_km, format_pace
from ..paces import POINT_PACE_TOLERANCE, PaceRange, TrainingPaces
from .entities import PlannedRun, RunType

STEP_M = 100
# (share of the week, largest session in m, least useful session in m)
THRESHOLD_LIMITS = (0.10, 10_000, 2000)
INTERVAL_LIMITS = (0.08, 8000, 1600)
REPETITION_LIMITS = (0.05, 5000, 800)
MARATHON_LIMITS = (0.20, 16_000, 4000)
WARMUP_SHARE, WARMUP_M = 0.04, (1000, 3000)
# Daniels keeps each interval rep under about five minutes; I reps of 1000, 800 or 400 m.
LONGEST_INTERVAL_REP_S = 300.0
INTERVAL_REPS_M = (1000, 800, 400)
MIN_INTERVAL_REPS = 4
# Threshold "cruise intervals": about 1 min of rest per 5 min of running (Daniels).
THRESHOLD_REST_PER_S = 1 / 5
REST_ROUNDING_S = 15
# Repetitions: 200 m, or 400 m once the week holds eight of them; full recovery, a jog of
# the same distance.
REPETITION_REPS_M = (400, 200)
MIN_REPETITION_REPS = 4
MAX_REPETITION_REPS = 12
STRIDES = "6 x 20 s strides"
# Race week: a short sharpening session, no more.
SHARPENING_MAX_M = {RunType.REPETITION: 1200, RunType.THRESHOLD: 2000, RunType.MARATHON_PACE: 4000}


@dataclass(frozen=True)
class Workout:
    """Warm-up, ``reps`` x ``rep_m`` at ``pace`` with recoveries, cool-down."""

    type: RunType
    warmup_m: int
    reps: int
    rep_m: int
    recovery: str
    jog_m: int
    rest_s: float
    cooldown_m: int
    pace: PaceRange

    @property
    def work_m(self) -> int:
        return self.reps * self.rep_m

    @property
    def distance_m(self) -> int:
        return self.warmup_m + self.work_m + self.jog_m + self.cooldown_m

    def lengthened(self, extra_m: int) -> "Workout":
        """The same session with ``extra_m`` more easy running in the cool-down."""
        return replace(self, cooldown_m=self.cooldown_m + extra_m)

    def within(self, max_m: int) -> "Workout | None":
        """The session shortened (cool-down, warm-up, then reps) to at most ``max_m``."""
        workout = self
        for field_name in ("cooldown_m", "warmup_m"):
            excess = workout.distance_m - max_m
            if excess > 0:
                shorter = max(WARMUP_M[0], getattr(workout, field_name) - excess)
                workout = replace(workout, **{field_name: shorter})
        while workout.distance_m > max_m and workout.reps > 1:
            jog_per_rep = workout.jog_m // (workout.reps - 1)
            workout = replace(workout, reps=workout.reps - 1, jog_m=workout.jog_m - jog_per_rep)
        return workout if workout.distance_m <= max_m else None


def round_down(distance_m: float) -> int:
    return int(distance_m // STEP_M) * STEP_M


def threshold_workout(week_m: int, paces: TrainingPaces) -> Workout | None:
    """Cruise intervals of 1 or 2 km, at most 10 % of the week."""
    work_m = _allowed(week_m, THRESHOLD_LIMITS)
    if work_m is None:
        return None
    rep_m = 2000 if work_m >= 6000 else 1000
    reps = work_m // rep_m
    rep_s = rep_m / 1000 * paces.threshold.mid_s_per_km
    rest_s = max(REST_ROUNDING_S, round(rep_s * THRESHOLD_REST_PER_S / REST_ROUNDING_S) * REST_ROUNDING_S)
    rest = f"{_minutes(rest_s)} rest"
    return _workout(RunType.THRESHOLD, week_m, reps, rep_m, (rest, 0, rest_s), paces.threshold)


def interval_workout(week_m: int, paces: TrainingPaces) -> Workout | None:
    """Reps of at most five minutes at I pace, at most 8 % of the week."""
    work_m = _allowed(week_m, INTERVAL_LIMITS)
    if work_m is None:
        return None
    fitting = [m for m in INTERVAL_REPS_M if m / 1000 * paces.interval.mid_s_per_km <= LONGEST_INTERVAL_REP_S]
    rep_m = next((m for m in fitting if work_m // m >= MIN_INTERVAL_REPS), None)
    if rep_m is None:
        return None
    reps = work_m // rep_m
    jog_each = rep_m // 2
    jog = (f"{jog_each} m jog", jog_each * (reps - 1), 0.0)
    return _workout(RunType.INTERVALS, week_m, reps, rep_m, jog, paces.interval)


def repetition_workout(week_m: int, paces: TrainingPaces) -> Workout | None:
    """Short fast reps at R pace (about mile race pace), at most 5 % of the week."""
    work_m = _allowed(week_m, REPETITION_LIMITS)
    if work_m is None:
        return None
    rep_m = next(m for m in REPETITION_REPS_M if work_m // m >= 2 * MIN_REPETITION_REPS or m == 200)
    reps = min(work_m // rep_m, MAX_REPETITION_REPS)
    jog = (f"{rep_m} m jog", rep_m * (reps - 1), 0.0)
    return _workout(RunType.REPETITION, week_m, reps, rep_m, jog, paces.repetition)


def marathon_pace_workout(week_m: int, paces: TrainingPaces) -> Workout | None:
    """One continuous stretch at M pace, at most 20 % of the week."""
    work_m = _allowed(week_m, MARATHON_LIMITS, step=1000)
    if work_m is None:
        return None
    return _workout(RunType.MARATHON_PACE, week_m, 1, work_m, ("", 0, 0.0), paces.marathon)


WORKOUT_BUILDERS = {
    RunType.THRESHOLD: threshold_workout,
    RunType.INTERVALS: interval_workout,
    RunType.REPETITION: repetition_workout,
    RunType.MARATHON_PACE: marathon_pace_workout,
}


def sharpening_workout(kind: RunType, week_m: int, paces: TrainingPaces) -> Workout | None:
    """Race week's one short session: the usual share of the week, and small in any case."""
    workout = WORKOUT_BUILDERS[kind](min(week_m, _week_for(kind, SHARPENING_MAX_M[kind])), paces)
    if workout is None:
        return None
    return replace(workout, warmup_m=WARMUP_M[0], cooldown_m=WARMUP_M[0])


def workout_run(day: date, workout: Workout, paces: TrainingPaces) -> PlannedRun:
    easy_m = workout.warmup_m + workout.jog_m + workout.cooldown_m
    duration = (
        _seconds(easy_m, paces.easy)
        + _seconds(workout.work_m, workout.pace)
        + workout.rest_s * (workout.reps - 1)
    )
    return PlannedRun(
        day, workout.type, workout.distance_m, duration, workout.pace, _describe(workout), workout.work_m
    )


def easy_run(day: date, distance_m: int, paces: TrainingPaces, *, strides: bool = False) -> PlannedRun:
    text = f"{format_km(distance_m)} easy at {paces.easy.format()}"
    if strides:
        text += f", then {STRIDES} at {format_pace(paces.repetition.mid_s_per_km)}/km"
    return PlannedRun(day, RunType.EASY, distance_m, _seconds(distance_m, paces.easy), paces.easy, text)


def recovery_run(day: date, distance_m: int, paces: TrainingPaces) -> PlannedRun:
    """An easy run the day after the long run, at the slow half of the easy range."""
    band = PaceRange(paces.easy.mid_s_per_km, paces.easy.max_s_per_km)
    text = f"{format_km(distance_m)} recovery at {band.format()}, relaxed"
    return PlannedRun(day, RunType.RECOVERY, distance_m, _seconds(distance_m, band), band, text)


def long_run(day: date, distance_m: int, paces: TrainingPaces) -> PlannedRun:
    text = f"{format_km(distance_m)} long run at easy pace {paces.easy.format()}"
    return PlannedRun(day, RunType.LONG, distance_m, _seconds(distance_m, paces.easy), paces.easy, text)


def time_trial_workout(distance_m: int, predicted_s: float) -> Workout:
    """The re-test: a time trial (or a tune-up race) flat out, 2 km easy either side."""
    band = PaceRange.around(predicted_s / (distance_m / 1000), POINT_PACE_TOLERANCE)
    return Workout(RunType.TIME_TRIAL, 2000, 1, distance_m, "", 0, 0.0, 2000, band)


def race_run(day: date, distance_m: float, target_time_s: float, name: str) -> PlannedRun:
    pace = target_time_s / (distance_m / 1000)
    band = PaceRange.around(pace, POINT_PACE_TOLERANCE)
    text = f"Race: {name}, target {format_duration(target_time_s)} ({format_pace(pace)}/km)"
    return PlannedRun(day, RunType.RACE, distance_m, target_time_s, band, text)


def _allowed(week_m: int, limits: tuple[float, int, int], step: int = STEP_M) -> int | None:
    """The session's work: its share of the week, at most its largest; ``None`` below its least."""
    share, largest, least = limits
    work_m = min(math.floor(share * week_m / step) * step, largest)
    return work_m if work_m >= least else None


def _week_for(kind: RunType, work_m: int) -> int:
    """The week in which ``work_m`` is exactly the session's share."""
    share = {RunType.REPETITION: REPETITION_LIMITS, RunType.THRESHOLD: THRESHOLD_LIMITS}.get(
        kind, MARATHON_LIMITS
    )[0]
    return math.ceil(work_m / share)


def _workout(
    run_type: RunType,
    week_m: int,
    reps: int,
    rep_m: int,
    recovery: tuple[str, int, float],
    pace: PaceRange,
) -> Workout:
    warmup = _clamped(WARMUP_SHARE * week_m, WARMUP_M, step=500)
    label, jog_m, rest_s = recovery
    return Workout(run_type, warmup, reps, rep_m, label, jog_m, rest_s, warmup, pace)


def _describe(workout: Workout) -> str:
    if workout.type is RunType.TIME_TRIAL:
        return (
            f"Re-test: {format_km(workout.warmup_m)} easy with strides, {format_km(workout.rep_m)} "
            f"time trial or tune-up race flat out (about {workout.pace.format()} today), "
            f"{format_km(workout.cooldown_m)} easy. A faster time updates the paces and the race target."
        )
    if workout.reps == 1:
        main = f"{format_km(workout.rep_m)} at {_pace_name(workout.type)}{workout.pace.format()}"
    else:
        main = (
            f"{workout.reps} x {format_km(workout.rep_m)} at {workout.pace.format()} with {workout.recovery}"
        )
    return f"{format_km(workout.warmup_m)} easy, {main}, {format_km(workout.cooldown_m)} easy"


def _minutes(seconds: float) -> str:
    """``1 min``, ``1 min 45 s``."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "") if minutes else f"{rest} s"


def _pace_name(run_type: RunType) -> str:
    return "marathon pace " if run_type is RunType.MARATHON_PACE else ""


def _clamped(distance_m: float, bounds: tuple[int, int], step: int = STEP_M) -> int:
    low, high = bounds
    return int(min(max(math.floor(distance_m / step) * step, low), high))


def _seconds(distance_m: float, pace: PaceRange) -> float:
    return distance_m / 1000 * pace.mid_s_per_km
