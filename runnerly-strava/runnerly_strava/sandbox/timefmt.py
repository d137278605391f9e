"""Strava's ways of writing times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from .model import City


def iso_utc(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_offset(epoch: float, city: City) -> int:
    """Seconds east of UTC at that moment there, daylight saving included."""
    moment = datetime.fromtimestamp(int(epoch), ZoneInfo(city.tz_name))
    offset = moment.utcoffset()
    return int(offset.total_seconds()) if offset else 0


def iso_local(epoch: float, city: City) -> str:
    """Wall-clock time there, written (as Strava does) with a Z suffix."""
    return iso_utc(int(epoch) + utc_offset(epoch, city))


def timezone_label(city: City) -> str:
    """Strava labels a zone with its standard offset, even in summer."""
    return f"(GMT{city.standard_offset}) {city.tz_name}"


def parse_iso(text: str) -> int:
    """Epoch seconds of an ISO 8601 time; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())
