"""IANA time zones: validated once, and used to find a run's local wall-clock time."""

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runnerly_core.problems import bad_request


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise bad_request(f"Unknown time zone {name!r}; use an IANA name like 'Europe/London'.") from None


def require_timezone(name: str) -> str:
    zone(name)
    return name


def local_wall_clock(moment: datetime, name: str) -> datetime:
    """The naive local time of ``moment`` in time zone ``name``."""
    return moment.astimezone(zone(name)).replace(tzinfo=None)
