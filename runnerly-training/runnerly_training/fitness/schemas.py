"""JSON of the model's fitness values (the spec is the contract; this only fills it)."""

from runnerly_training.model import PaceRange, TrainingPaces, WeightedEffort


def paces_json(paces: TrainingPaces) -> dict:
    names = ("easy", "marathon", "threshold", "interval", "repetition")
    return {name: pace_range_json(getattr(paces, name)) for name in names}


def pace_range_json(pace: PaceRange) -> dict:
    return {"min_s_per_km": round(pace.min_s_per_km, 1), "max_s_per_km": round(pace.max_s_per_km, 1)}


def prediction_json(name: str, distance_m: float, time_s: float, riegel_time_s: float | None) -> dict:
    return {
        "name": name,
        "distance_m": distance_m,
        "time_s": round(time_s, 1),
        "pace_s_per_km": round(time_s / (distance_m / 1000), 1),
        "riegel_time_s": None if riegel_time_s is None else round(riegel_time_s, 1),
    }


def effort_json(weighted: WeightedEffort) -> dict:
    effort = weighted.effort
    return {
        "run_id": int(effort.run_id),
        "date": effort.day.isoformat(),
        "source": str(effort.source),
        "distance_m": effort.distance_m,
        "time_s": round(effort.time_s, 1),
        "vdot": round(effort.vdot, 2),
        "age_days": weighted.age_days,
        "credit": round(weighted.credit, 4),
        "effective_vdot": round(weighted.effective_vdot, 2),
    }
