"""Fitness: the estimate from performances a client sends, and a runner's current fitness."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runnerly_core.dates import iso_instant
from runnerly_training.datasource import DataSource
from runnerly_training.fitness.schemas import paces_json, prediction_json
from runnerly_training.model import Performance, best_vdot, predict_races, training_paces
from runnerly_training.problems import model_errors_as_bad_request
from runnerly_training.snapshots.services import current_snapshot

ESTIMATE_COMBINATION = (
    "The best VDOT wins: a race can understate fitness (heat, wind, a bad day, poor pacing) but "
    "cannot overstate it, so the best performance is the strongest evidence. Riegel's predictions "
    "start from that performance."
)


def estimate(performances: list[dict], riegel_exponent: float) -> dict:
    items = [Performance(item["distance_m"], item["time_s"]) for item in performances]
    with model_errors_as_bad_request():
        best = best_vdot(items)
        races = predict_races(best.driver, riegel_exponent=riegel_exponent)
    return {
        "vdot": round(best.vdot, 2),
        "combination": ESTIMATE_COMBINATION,
        "driver_index": best.vdots.index(best.vdot),
        "performances": [_rated(item, value) for item, value in zip(items, best.vdots, strict=True)],
        "riegel_exponent": riegel_exponent,
        "predictions": [
            prediction_json(p.name, p.distance_m, p.vdot_time_s, p.riegel_time_s) for p in races.predictions
        ],
        "training_paces": paces_json(training_paces(best.vdot)),
    }


def runner_fitness(session: Session, source: DataSource, user_id: int) -> dict:
    snapshot = current_snapshot(session, source, user_id)
    return {
        "user_id": user_id,
        "as_of": snapshot.as_of.isoformat(),
        "computed_at": iso_instant(snapshot.computed_at),
        **snapshot.fitness,
    }


def _rated(performance: Performance, value: float) -> dict:
    return {
        "distance_m": performance.distance_m,
        "time_s": performance.time_s,
        "pace_s_per_km": round(performance.pace_s_per_km, 1),
        "vdot": round(value, 2),
    }
