"""Single runs: easy, recovery, long, the three quality workouts, and the race.

Quality volumes follow Daniels' limits per session: threshold running at most
10 % of the week, interval running at most 8 %, marathon pace at most 20 %.
Distances are whole multiples of 100 m so that weekly totals add up exactly.
"""

import math
from dataclasses import dataclass, replace
from datetime import date

from ..formatting import format_duration, format_km, format_pace
from ..paces import POINT_PACE_TOLERANCE, PaceRange, TrainingPaces
from .entities import PlannedRun, RunType

STEP_M = 100
THRESHOLD_SHARE, THRESHOLD_M = 0.10, (3000, 10_000)
INTERVAL_SHARE, INTERVAL_M = 0.08, (3000, 8000)
MARATHON_SHARE, MARATHON_M = 0.20, (5000, 16_000)
WARMUP_SHARE, WARMUP_M = 0.04, (1000, 3000)
# Daniels keeps each interval rep under about five minutes.
LONGEST_INTERVAL_REP_S = 300.0
INTERVAL_JOG_M = 400
THRESHOLD_REST_S = 60.0
STRIDES = "6 x 20 s strides"


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
    def distance_m(self) -> int:
        return self.warmup_m + self.reps * self.rep_m + self.jog_m + self.cooldown_m

    def lengthened(self, extra_m: int) -> "Workout":
        """The same session with ``extra_m`` more easy running in the cool-down."""
        return replace(self, cooldown_m=self.cooldown_m + extra_m)


def round_down(distance_m: float) -> int:
    return int(distance_m // STEP_M) * STEP_M


def threshold_workout(week_m: int, paces: TrainingPaces) -> Workout:
    work_m = _clamped(THRESHOLD_SHARE * week_m, THRESHOLD_M)
    rep_m = 1000 if work_m < 6000 else 2000
    reps = max(1, round(work_m / rep_m))
    rest = f"{THRESHOLD_REST_S / 60:g} min rest"
    return _workout(RunType.THRESHOLD, week_m, reps, rep_m, (rest, 0, THRESHOLD_REST_S), paces.threshold)


def interval_workout(week_m: int, paces: TrainingPaces) -> Workout:
    work_m = _clamped(INTERVAL_SHARE * week_m, INTERVAL_M)
    fits = paces.interval.mid_s_per_km <= LONGEST_INTERVAL_REP_S
    rep_m = 1000 if fits else 800
    reps = max(3, round(work_m / rep_m))
    jog = (f"{INTERVAL_JOG_M} m jog", INTERVAL_JOG_M * (reps - 1), 0.0)
    return _workout(RunType.INTERVALS, week_m, reps, rep_m, jog, paces.interval)


def marathon_pace_workout(week_m: int, paces: TrainingPaces) -> Workout:
    work_m = _clamped(MARATHON_SHARE * week_m, MARATHON_M, step=1000)
    return _workout(RunType.MARATHON_PACE, week_m, 1, work_m, ("", 0, 0.0), paces.marathon)


WORKOUT_BUILDERS = {
    RunType.THRESHOLD: threshold_workout,
    RunType.INTERVALS: interval_workout,
    RunType.MARATHON_PACE: marathon_pace_workout,
}


def workout_run(day: date, workout: Workout, paces: TrainingPaces) -> PlannedRun:
    easy_m = workout.warmup_m + workout.jog_m + workout.cooldown_m
    work_m = workout.reps * workout.rep_m
    duration = (
        _seconds(easy_m, paces.easy) + _seconds(work_m, workout.pace) + workout.rest_s * (workout.reps - 1)
    )
    return PlannedRun(day, workout.type, workout.distance_m, duration, workout.pace, _describe(workout))


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


def race_run(day: date, distance_m: float, target_time_s: float, name: str) -> PlannedRun:
    pace = target_time_s / (distance_m / 1000)
    band = PaceRange.around(pace, POINT_PACE_TOLERANCE)
    text = f"Race: {name}, target {format_duration(target_time_s)} ({format_pace(pace)}/km)"
    return PlannedRun(day, RunType.RACE, distance_m, target_time_s, band, text)


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
    if workout.reps == 1:
        main = f"{format_km(workout.rep_m)} at {_pace_name(workout.type)}{workout.pace.format()}"
    else:
        main = (
            f"{workout.reps} x {format_km(workout.rep_m)} at {workout.pace.format()} with {workout.recovery}"
        )
    return f"{format_km(workout.warmup_m)} easy, {main}, {format_km(workout.cooldown_m)} easy"


def _pace_name(run_type: RunType) -> str:
    return "marathon pace " if run_type is RunType.MARATHON_PACE else ""


def _clamped(distance_m: float, bounds: tuple[int, int], step: int = STEP_M) -> int:
    low, high = bounds
    return int(min(max(math.floor(distance_m / step) * step, low), high))


def _seconds(distance_m: float, pace: PaceRange) -> float:
    return distance_m / 1000 * pace.mid_s_per_km
