"""A runner's heart-rate profile and the heart-rate-reserve arithmetic (Karvonen)."""

import math
from dataclasses import dataclass
from enum import StrEnum

from .errors import InvalidProfile

# Bounds that no adult runner's resting or maximum heart rate falls outside.
MIN_RESTING_HR = 25.0
MAX_RESTING_HR = 120.0
MIN_MAX_HR = 100.0
MAX_MAX_HR = 230.0


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class HeartRateProfile:
    """Resting and maximum heart rate (bpm) and sex, which picks the TRIMP weighting."""

    resting_hr: float
    max_hr: float
    sex: Sex = Sex.UNKNOWN

    def __post_init__(self) -> None:
        _check_between("resting_hr", self.resting_hr, MIN_RESTING_HR, MAX_RESTING_HR)
        _check_between("max_hr", self.max_hr, MIN_MAX_HR, MAX_MAX_HR)
        if self.max_hr <= self.resting_hr:
            raise InvalidProfile(f"max_hr {self.max_hr:g} must be above resting_hr {self.resting_hr:g}")

    @property
    def reserve(self) -> float:
        return self.max_hr - self.resting_hr


def reserve_fraction(bpm: float, profile: HeartRateProfile) -> float:
    """Heart-rate reserve fraction: 0 at rest, 1 at maximum (may leave [0, 1])."""
    return (bpm - profile.resting_hr) / profile.reserve


def heart_rate_at(fraction: float, profile: HeartRateProfile) -> float:
    """Karvonen: the heart rate at a fraction of the reserve."""
    return profile.resting_hr + fraction * profile.reserve


def _check_between(name: str, value: float, low: float, high: float) -> None:
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidProfile(f"{name} must be between {low:g} and {high:g} bpm, got {value!r}")
