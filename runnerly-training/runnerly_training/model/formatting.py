"""Human-readable times and paces, as runners write them."""

import math


def format_duration(seconds: float) -> str:
    """``3:10:49`` above an hour, ``41:21`` below; rounded to the second."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_pace(seconds_per_km: float) -> str:
    """A pace in min:ss, e.g. ``3:55`` for 235 s/km."""
    return format_duration(seconds_per_km)


def format_km(distance_m: float) -> str:
    """Kilometres with one decimal, dropping a trailing ``.0`` (``12 km``, ``8.5 km``)."""
    km = round(distance_m / 1000, 1)
    if math.isclose(km, round(km)):
        return f"{round(km)} km"
    return f"{km} km"
