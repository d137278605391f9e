"""Daniels' training paces (E, M, T, I, R) derived from VDOT.

Each intensity is a fraction of VDOT turned back into a speed through the oxygen
cost equation, except M and R, which are race paces: M is the predicted marathon
pace and R the predicted mile pace. MODEL.md compares the result with Daniels' tables.
"""

import math
from dataclasses import dataclass

from .formatting import format_pace
from .vdot import predict_time, validate_vdot

# Daniels' table easy range: its fast end is 70 % of VDOT and its slow end 62 %
# (the text allows 59-74 %; the table prints the central band runners should use).
EASY_FRACTIONS = (0.62, 0.70)
# Threshold: the pace of a race lasting about an hour, 88 % of VDOT in the tables.
THRESHOLD_FRACTION = 0.88
# Interval: 97.5 % of VDOT, the slow end of Daniels' 97.5-100 % so that the
# minutes at VO2max come from repetition, not from an ever-faster pace.
INTERVAL_FRACTION = 0.975
MARATHON_M = 42_195.0
MILE_M = 1609.344
# Single-value paces (M, T, I, R) are prescribed as the table pace ± 1 %, about
# ±2-4 s/km: what a runner can actually hold on a GPS watch or a track.
POINT_PACE_TOLERANCE = 0.01


@dataclass(frozen=True)
class PaceRange:
    """A pace band in seconds per km: ``min_s_per_km`` is the fast end."""

    min_s_per_km: float
    max_s_per_km: float

    @classmethod
    def around(cls, center_s_per_km: float, tolerance: float) -> "PaceRange":
        return cls(center_s_per_km * (1 - tolerance), center_s_per_km * (1 + tolerance))

    @property
    def mid_s_per_km(self) -> float:
        return (self.min_s_per_km + self.max_s_per_km) / 2

    def format(self) -> str:
        return f"{format_pace(self.min_s_per_km)}-{format_pace(self.max_s_per_km)}/km"


@dataclass(frozen=True)
class TrainingPaces:
    """The five Daniels intensities for one VDOT."""

    vdot: float
    easy: PaceRange
    marathon: PaceRange
    threshold: PaceRange
    interval: PaceRange
    repetition: PaceRange


def speed_for_oxygen_cost(vo2: float) -> float:
    """Speed (m/min) whose oxygen cost is ``vo2``: the positive root of the quadratic."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def pace_at_fraction(vdot_value: float, fraction: float) -> float:
    """Pace (s/km) that costs ``fraction`` of VDOT."""
    return 60_000 / speed_for_oxygen_cost(fraction * vdot_value)


def training_paces(vdot_value: float) -> TrainingPaces:
    """Daniels' training paces for a VDOT; raises :class:`InvalidVdot` if implausible."""
    validate_vdot(vdot_value)
    slow_easy, fast_easy = EASY_FRACTIONS
    marathon_pace = predict_time(vdot_value, MARATHON_M) / (MARATHON_M / 1000)
    mile_pace = predict_time(vdot_value, MILE_M) / (MILE_M / 1000)
    return TrainingPaces(
        vdot=vdot_value,
        easy=PaceRange(pace_at_fraction(vdot_value, fast_easy), pace_at_fraction(vdot_value, slow_easy)),
        marathon=PaceRange.around(marathon_pace, POINT_PACE_TOLERANCE),
        threshold=_point(vdot_value, THRESHOLD_FRACTION),
        interval=_point(vdot_value, INTERVAL_FRACTION),
        repetition=PaceRange.around(mile_pace, POINT_PACE_TOLERANCE),
    )


def _point(vdot_value: float, fraction: float) -> PaceRange:
    return PaceRange.around(pace_at_fraction(vdot_value, fraction), POINT_PACE_TOLERANCE)
