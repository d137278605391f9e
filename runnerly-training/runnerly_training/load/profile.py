"""The heart-rate profile load and zones are computed with, estimated where it is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runnerly_training.model import HeartRateProfile, InvalidProfile, Sex

# A typical adult's resting heart rate; most runners are lower, so an estimate errs toward
# a lower reserve fraction, that is toward less load.
DEFAULT_RESTING_HR = 60.0
# Without a birth date, the maximum heart rate is estimated for a runner of this age.
DEFAULT_AGE = 35
SEXES = {"F": Sex.FEMALE, "M": Sex.MALE}


@dataclass(frozen=True)
class ProfileInUse:
    profile: HeartRateProfile
    estimated: tuple[str, ...]

    def json(self) -> dict:
        return {
            "resting_heartrate": self.profile.resting_hr,
            "max_heartrate": round(self.profile.max_hr, 1),
            "sex": str(self.profile.sex),
            "estimated": list(self.estimated),
        }


def heart_rate_profile(user: dict, today: date) -> ProfileInUse:
    """The runner's heart rates; a missing one is estimated and named in ``estimated``."""
    sex = SEXES.get(user.get("sex"), Sex.UNKNOWN)
    resting, maximum = user.get("resting_heartrate"), user.get("max_heartrate")
    estimated_max = tanaka_max_hr(age(user.get("birth_date"), today))
    missing = tuple(
        name for name, value in (("resting_heartrate", resting), ("max_heartrate", maximum)) if value is None
    )
    try:
        profile = HeartRateProfile(
            DEFAULT_RESTING_HR if resting is None else resting,
            estimated_max if maximum is None else maximum,
            sex,
        )
    except InvalidProfile:
        # The data service stores heart rates the model refuses (a maximum above 230).
        return ProfileInUse(
            HeartRateProfile(DEFAULT_RESTING_HR, estimated_max, sex), ("resting_heartrate", "max_heartrate")
        )
    return ProfileInUse(profile, missing)


def tanaka_max_hr(age_years: float) -> float:
    """Tanaka, Monahan & Seals (2001): 208 - 0.7 · age, better than 220 - age past 40."""
    return 208 - 0.7 * age_years


def age(birth_date: str | None, today: date) -> int:
    if birth_date is None:
        return DEFAULT_AGE
    born = date.fromisoformat(birth_date)
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return min(max(years, 10), 90)  # a birth date typed wrong must not give a heart rate of 280
