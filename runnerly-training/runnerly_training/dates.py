"""Days as runners live them: in their own time zone, weeks from Monday."""

from datetime import UTC, date, datetime, timedelta

from runnerly_core.problems import bad_request
from runnerly_training.datasource import zone


def local_today(timezone: str, now: datetime) -> date:
    return now.astimezone(zone(timezone)).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_date(value: str | None, field: str) -> date | None:
    """A ``YYYY-MM-DD`` the spec declared (Connexion does not check string formats)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad_request(f"{field} is not a date (YYYY-MM-DD): {value!r}") from None


def iso_instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
