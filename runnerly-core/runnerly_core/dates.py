"""Dates and times in the API's formats: ``YYYY-MM-DD`` days and RFC 3339 UTC instants.

The spec declares the formats, but Connexion does not check string formats: a bad value is
the client's error, answered with a problem that names the field.
"""

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
    """``2026-03-01T08:30:00Z``: UTC, with a ``Z``. A naive datetime is UTC already (what
    SQLite hands back for a UTC column), never the machine's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
