"""Distances, paces and durations in the runner's units (``metric`` or ``imperial``)."""

METRES_PER_MILE = 1609.344


def distance(metres: float | None, units: str = "metric") -> str:
    if metres is None:
        return "-"
    if units == "imperial":
        return f"{metres / METRES_PER_MILE:.1f} mi"
    return f"{metres / 1000:.1f} km"


def pace(seconds_per_km: float | None, units: str = "metric") -> str:
    if not seconds_per_km:
        return "-"
    per_unit = seconds_per_km * METRES_PER_MILE / 1000 if units == "imperial" else seconds_per_km
    minutes, seconds = divmod(round(per_unit), 60)
    return f"{minutes}:{seconds:02d} /{'mi' if units == 'imperial' else 'km'}"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    hours, rest = divmod(round(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
