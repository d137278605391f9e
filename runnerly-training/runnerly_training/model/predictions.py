"""Race predictions from one performance: VDOT equivalence and Riegel, side by side."""

from collections.abc import Mapping
from dataclasses import dataclass

from .riegel import DEFAULT_RIEGEL_EXPONENT, riegel_time
from .vdot import STANDARD_DISTANCES_M, Performance, predict_time, vdot


@dataclass(frozen=True)
class RacePrediction:
    """Predicted time over one distance by both models."""

    name: str
    distance_m: float
    vdot_time_s: float
    riegel_time_s: float

    @property
    def vdot_pace_s_per_km(self) -> float:
        return self.vdot_time_s / (self.distance_m / 1000)


@dataclass(frozen=True)
class RacePredictions:
    """What one performance says about every standard distance."""

    source: Performance
    vdot: float
    riegel_exponent: float
    predictions: tuple[RacePrediction, ...]


def predict_races(
    performance: Performance,
    *,
    riegel_exponent: float = DEFAULT_RIEGEL_EXPONENT,
    distances_m: Mapping[str, float] = STANDARD_DISTANCES_M,
) -> RacePredictions:
    """Predict every distance in ``distances_m`` (default: 1500 m to marathon)."""
    value = vdot(performance.distance_m, performance.time_s)
    predictions = tuple(
        RacePrediction(
            name=name,
            distance_m=distance,
            vdot_time_s=predict_time(value, distance),
            riegel_time_s=riegel_time(performance.time_s, performance.distance_m, distance, riegel_exponent),
        )
        for name, distance in distances_m.items()
    )
    return RacePredictions(performance, value, riegel_exponent, predictions)
