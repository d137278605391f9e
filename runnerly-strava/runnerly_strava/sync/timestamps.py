"""Strava's ISO 8601 UTC times as epoch seconds (the unit of ``before`` and ``after``)."""

from datetime import datetime


def epoch(iso_utc: str) -> int:
    return int(datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).timestamp())
