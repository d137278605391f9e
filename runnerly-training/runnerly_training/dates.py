"""Days as runners live them: in their own time zone, weeks from Monday."""

from datetime import date, datetime, timedelta

from runnerly_training.records import zone


def local_today(timezone: str, now: datetime) -> date:
    return now.astimezone(zone(timezone)).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
