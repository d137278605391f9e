"""Dates and times from validated JSON strings (the spec checked their format)."""

from datetime import UTC, date, datetime

from runnerly_core.problems import bad_request


def parse_date(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad_request(f"{field} is not a date (YYYY-MM-DD): {value!r}") from None


def parse_instant(value: str, field: str) -> datetime:
    """An RFC 3339 date-time as an aware UTC datetime."""
    try:
        moment = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        raise bad_request(f"{field} is not an RFC 3339 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise bad_request(f"{field} needs a UTC offset, like 2026-03-01T08:30:00Z.")
    return moment.astimezone(UTC)


def iso_instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
