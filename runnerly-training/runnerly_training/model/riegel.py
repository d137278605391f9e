"""Riegel's endurance model (Riegel 1981, *American Scientist*): t2 = t1 · (d2/d1)^k.

One power law for every distance: simpler than VDOT and offered beside it, because
runners know it and because its exponent can be tuned to a runner's own results
(k ≈ 1.06 for trained runners, higher for those whose endurance lags their speed).
"""

import math

from .errors import TrainingModelError
from .vdot import validate_distance, validate_performance

DEFAULT_RIEGEL_EXPONENT = 1.06
# Exponents outside this band describe no runner: 1.0 means no slowing with distance,
# and even untrained runners rarely exceed 1.15.
MIN_RIEGEL_EXPONENT = 1.0
MAX_RIEGEL_EXPONENT = 1.2


def riegel_time(
    time_s: float,
    distance_m: float,
    target_distance_m: float,
    exponent: float = DEFAULT_RIEGEL_EXPONENT,
) -> float:
    """Predicted time (s) over ``target_distance_m`` from a performance."""
    validate_performance(distance_m, time_s)
    validate_distance(target_distance_m)
    validate_exponent(exponent)
    return time_s * (target_distance_m / distance_m) ** exponent


def validate_exponent(exponent: float) -> None:
    """Raise unless the exponent is within the band runners actually show."""
    if not math.isfinite(exponent) or not (MIN_RIEGEL_EXPONENT <= exponent <= MAX_RIEGEL_EXPONENT):
        raise TrainingModelError(
            f"riegel exponent must be between {MIN_RIEGEL_EXPONENT:g} and "
            f"{MAX_RIEGEL_EXPONENT:g}, got {exponent!r}"
        )
