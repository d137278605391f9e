"""VDOT from the Daniels-Gilbert equations (*Oxygen Power*, *Daniels' Running Formula*).

VDOT is the VO2max that a performance implies: the oxygen cost of the race speed
divided by the fraction of VO2max a runner can sustain for the race duration.
Race predictions invert that: the time at which another distance gives the same VDOT.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import InvalidPerformance, InvalidVdot
from .formatting import format_duration, format_pace

MIN_DISTANCE_M = 800.0
MAX_DISTANCE_M = 100_000.0
# Slower than this is walking: the equations were fitted on runners, not walkers.
SLOWEST_PACE_S_PER_KM = 20 * 60.0
# Men's world records from 800 m to the marathon all sit between VDOT 83 and 88
# (800 m 1:40.91 is 87.9, 10 km 26:11 is 85.5, marathon 2:00:35 is 85.6), so 92
# leaves a margin of a few per cent beyond anything ever run.
MAX_HUMAN_VDOT = 92.0
# Used when a runner has no usable effort yet: the lowest row of Daniels' tables
# (a 30:40 5 km), so paces err on the easy side.
DEFAULT_BEGINNER_VDOT = 30.0
# The bisection stops when the bracket is narrower than this (well under 0.01 s).
PREDICTION_TOLERANCE_S = 1e-4
# Speeds that bracket every plausible performance: far faster than any world record
# and so slow that the oxygen cost is negative.
_BRACKET_FAST_M_PER_MIN = 3000.0
_BRACKET_SLOW_M_PER_MIN = 5.0

STANDARD_DISTANCES_M: dict[str, float] = {
    "1500 m": 1500.0,
    "1 mile": 1609.344,
    "3000 m": 3000.0,
    "5 km": 5000.0,
    "10 km": 10_000.0,
    "half marathon": 21_097.5,
    "marathon": 42_195.0,
}


@dataclass(frozen=True)
class Performance:
    """A distance covered flat out in a time (a race or a best effort)."""

    distance_m: float
    time_s: float

    @property
    def pace_s_per_km(self) -> float:
        return self.time_s / (self.distance_m / 1000)


@dataclass(frozen=True)
class VdotEstimate:
    """The VDOT that several performances support and the one that set it."""

    vdot: float
    driver: Performance
    vdots: tuple[float, ...]


def oxygen_cost(speed_m_per_min: float) -> float:
    """VO2 (ml/kg/min) needed to run at a speed (m/min)."""
    v = speed_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def sustainable_fraction(duration_min: float) -> float:
    """Fraction of VO2max a runner can hold for a race lasting this many minutes."""
    t = duration_min
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)


def raw_vdot(distance_m: float, time_s: float) -> float:
    """VDOT without plausibility checks; callers outside this module want :func:`vdot`."""
    minutes = time_s / 60
    return oxygen_cost(distance_m / minutes) / sustainable_fraction(minutes)


def validate_distance(distance_m: float) -> None:
    """Raise unless the distance is one the equations were calibrated on."""
    _require_positive("distance_m", distance_m)
    if distance_m < MIN_DISTANCE_M:
        raise InvalidPerformance(
            f"distance {distance_m:g} m is under the {MIN_DISTANCE_M:g} m minimum: "
            "the VDOT equations are calibrated on races from 800 m up"
        )
    if distance_m > MAX_DISTANCE_M:
        raise InvalidPerformance(
            f"distance {distance_m:g} m is over the {MAX_DISTANCE_M / 1000:g} km maximum"
        )


def validate_performance(distance_m: float, time_s: float) -> None:
    """Raise :class:`InvalidPerformance` unless a human could have run this."""
    validate_distance(distance_m)
    _require_positive("time_s", time_s)
    described = _describe(distance_m, time_s)
    if time_s / (distance_m / 1000) > SLOWEST_PACE_S_PER_KM:
        raise InvalidPerformance(
            f"{described} is slower than {format_pace(SLOWEST_PACE_S_PER_KM)}/km, "
            "a walking pace the running equations do not cover"
        )
    # Beyond the prediction bracket the equations are meaningless, and a time small enough
    # underflows to zero minutes in them.
    if distance_m / time_s * 60 >= _BRACKET_FAST_M_PER_MIN:
        raise InvalidPerformance(f"{described} is faster than any human has run")
    value = raw_vdot(distance_m, time_s)
    if value > MAX_HUMAN_VDOT:
        raise InvalidPerformance(
            f"{described} is faster than any human has run: it implies VDOT "
            f"{value:.1f}, above the {MAX_HUMAN_VDOT:g} limit (world records are 83-88)"
        )


def validate_vdot(vdot_value: float) -> None:
    """Raise :class:`InvalidVdot` unless the value is a human VDOT."""
    if not math.isfinite(vdot_value) or vdot_value <= 0:
        raise InvalidVdot(f"vdot must be a finite number above 0, got {vdot_value!r}")
    if vdot_value > MAX_HUMAN_VDOT:
        raise InvalidVdot(f"vdot {vdot_value:g} is above {MAX_HUMAN_VDOT:g}, beyond every world record")


def vdot(distance_m: float, time_s: float) -> float:
    """VDOT of a performance; raises :class:`InvalidPerformance` if implausible."""
    validate_performance(distance_m, time_s)
    return raw_vdot(distance_m, time_s)


def predict_time(vdot_value: float, distance_m: float) -> float:
    """Time (s) at which ``distance_m`` gives ``vdot_value``, by bisection.

    VDOT falls strictly as the time grows for a fixed distance, so bisection on a
    bracket from impossibly fast to impossibly slow always converges.
    """
    validate_vdot(vdot_value)
    validate_distance(distance_m)
    fast = distance_m / _BRACKET_FAST_M_PER_MIN * 60
    slow = distance_m / _BRACKET_SLOW_M_PER_MIN * 60
    while slow - fast > PREDICTION_TOLERANCE_S:
        middle = (fast + slow) / 2
        if raw_vdot(distance_m, middle) > vdot_value:
            fast = middle
        else:
            slow = middle
    return (fast + slow) / 2


def best_vdot(performances: Sequence[Performance]) -> VdotEstimate:
    """Combine performances by taking the best VDOT.

    A race can only under-state fitness (bad day, wind, pacing), never over-state
    it, so the best performance is the strongest evidence. Recency is handled by
    :mod:`.fitness`, which knows the dates.
    """
    if not performances:
        raise InvalidPerformance("at least one performance is required")
    values = tuple(_vdot_of_item(index, item) for index, item in enumerate(performances))
    best_index = max(range(len(values)), key=values.__getitem__)
    return VdotEstimate(values[best_index], performances[best_index], values)


def _vdot_of_item(index: int, performance: Performance) -> float:
    try:
        return vdot(performance.distance_m, performance.time_s)
    except InvalidPerformance as error:
        raise InvalidPerformance(f"performance {index}: {error}") from error


def _require_positive(name: str, value: float) -> None:
    if not math.isfinite(value) or value <= 0:
        raise InvalidPerformance(f"{name} must be a finite number above 0, got {value!r}")


def _describe(distance_m: float, time_s: float) -> str:
    pace = time_s / (distance_m / 1000)
    return f"{distance_m:g} m in {format_duration(time_s)} ({format_pace(pace)}/km)"
