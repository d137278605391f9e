"""The API's day and instant formats, and the problems bad values get."""

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from connexion.exceptions import ProblemException

from runnerly_core.dates import iso_instant, parse_date, parse_instant

PARIS_SUMMER = timezone(timedelta(hours=2))


def test_an_instant_is_written_in_utc_with_a_z():
    assert iso_instant(datetime(2026, 7, 1, 10, 30, tzinfo=PARIS_SUMMER)) == "2026-07-01T08:30:00Z"


@pytest.fixture
def new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_a_naive_instant_is_taken_as_utc_not_local_time():
    assert iso_instant(datetime(2026, 7, 1, 8, 30)) == "2026-07-01T08:30:00Z"


def test_an_instant_with_an_offset_is_read_as_utc():
    assert parse_instant("2026-07-01T10:30:00+02:00", "start") == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize("value", ["2026-07-01T10:30:00", "yesterday", "2026-13-01T00:00:00Z"])
def test_an_instant_without_offset_or_not_a_date_is_the_clients_error(value):
    with pytest.raises(ProblemException) as refused:
        parse_instant(value, "start")
    assert "start" in refused.value.detail


def test_a_day_is_read_and_a_missing_one_is_none():
    assert (parse_date("2026-07-01", "from"), parse_date(None, "from")) == (date(2026, 7, 1), None)
    with pytest.raises(ProblemException):
        parse_date("01/07/2026", "from")
