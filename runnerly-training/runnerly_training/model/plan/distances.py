"""Race distances: standard ones recognised within a tolerance, any other planned as it is.

Race calendars round (a marathon listed as 42.2 km, a half as 21.1 km) and certified
courses are measured up to 0.1 % long, so a distance within 1 % of a standard one is that
race: a race stored as 42,200 m is a marathon, planned and named as one.
"""

import itertools
from collections.abc import Sequence

from ..vdot import STANDARD_DISTANCES_M

DISTANCE_TOLERANCE = 0.01
HALF_MARATHON_M = STANDARD_DISTANCES_M["half marathon"]
MARATHON_M = STANDARD_DISTANCES_M["marathon"]


def standard_race(distance_m: float) -> tuple[str, float] | None:
    """The standard race a distance stands for, with its exact distance, or ``None``."""
    for name, standard in STANDARD_DISTANCES_M.items():
        if abs(distance_m - standard) <= standard * DISTANCE_TOLERANCE:
            return name, standard
    return None


def category_distance(distance_m: float) -> float:
    """The distance the rules are chosen by: the standard one it stands for, else itself."""
    standard = standard_race(distance_m)
    return standard[1] if standard else distance_m


def race_name(distance_m: float) -> str:
    standard = standard_race(distance_m)
    return standard[0] if standard else f"{distance_m / 1000:g} km"


def race_group(distance_m: float) -> str:
    """``short`` (up to 10 km), ``half`` (up to the half) or ``marathon``."""
    distance = category_distance(distance_m)
    if distance <= 10_000:
        return "short"
    return "half" if distance <= HALF_MARATHON_M else "marathon"


def interpolate(points: Sequence[tuple[float, float]], distance_m: float) -> float:
    """Linear between (distance, value) points, flat beyond the first and the last."""
    distance = category_distance(distance_m)
    if distance <= points[0][0]:
        return points[0][1]
    for (low_d, low_v), (high_d, high_v) in itertools.pairwise(points):
        if distance <= high_d:
            return low_v + (high_v - low_v) * (distance - low_d) / (high_d - low_d)
    return points[-1][1]
