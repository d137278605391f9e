"""A runner's fitness from their runs, as the cache keeps it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from runnerly_training.fitness.schemas import effort_json, paces_json, prediction_json
from runnerly_training.model import (
    STANDARD_DISTANCES_M,
    RunRecord,
    TrainingModelError,
    VdotPoint,
    WeightedEffort,
    assess_fitness,
    predict_time,
    recent_longest_run_km,
    recent_weekly_km,
    riegel_time,
    training_paces,
    vdot_history,
)
from runnerly_training.model.fitness import HALF_LIFE_DAYS, LOOKBACK_DAYS, MAX_FADE, MIN_BEST_EFFORT_M

HISTORY_WEEKS = 26
RUNS_METHOD = {
    "combination": (
        "Each effort's VDOT is credited less as it ages; the strongest credited effort sets the VDOT."
    ),
    "half_life_days": HALF_LIFE_DAYS,
    "max_fade": MAX_FADE,
    "lookback_days": LOOKBACK_DAYS,
    "min_best_effort_m": MIN_BEST_EFFORT_M,
}


def fitness_document(runs: Sequence[RunRecord], today: date) -> dict:
    """A runner's fitness today from their runs, as the cache keeps it."""
    current = assess_fitness(runs, today)
    document = {
        "vdot": _rounded(current.vdot),
        "method": RUNS_METHOD,
        "evidence": [effort_json(weighted) for weighted in current.evidence],
        "ignored_runs": [{"run_id": int(run.run_id), "reason": run.reason} for run in current.ignored],
        "predictions": [],
        "recent_weekly_km": round(recent_weekly_km(runs, today), 1),
        "recent_longest_run_km": round(recent_longest_run_km(runs, today), 1),
        "history": [_point_json(point) for point in vdot_history(runs, today, weeks=HISTORY_WEEKS)],
    }
    if current.vdot is not None and current.driver is not None:
        document["driver"] = effort_json(current.driver)
        document["predictions"] = _predictions_at(current.vdot, current.driver)
        document["training_paces"] = paces_json(training_paces(current.vdot))
    return document


def _predictions_at(vdot_value: float, driver: WeightedEffort) -> list[dict]:
    """At the current (faded) VDOT; Riegel from the driving distance run at that VDOT."""
    distance = driver.effort.distance_m
    equivalent_s = predict_time(vdot_value, distance)
    return [
        prediction_json(
            name, target, predict_time(vdot_value, target), _riegel_or_none(equivalent_s, distance, target)
        )
        for name, target in STANDARD_DISTANCES_M.items()
    ]


def _riegel_or_none(time_s: float, distance_m: float, target_m: float) -> float | None:
    try:
        return riegel_time(time_s, distance_m, target_m)
    except TrainingModelError:
        return None  # a faded walker's pace can fall outside the running range Riegel covers


def _point_json(point: VdotPoint) -> dict:
    driver = int(point.driver_run_id) if point.driver_run_id else None
    return {"date": point.day.isoformat(), "vdot": _rounded(point.vdot), "driver_run_id": driver}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
