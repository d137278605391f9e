"""The monthly report: mailed once per runner and month, in their units, with a working
unsubscribe link."""

from __future__ import annotations

import pytest
import requests

from runnerly_dashboard.reports import monthly

from .conftest import TRAINING_URL
from .runners import token_of

MONTH = "2026-11"
HISTORY = [
    {"date": "2026-10-26", "vdot": 44.0, "driver_run_id": None},
    {"date": "2026-11-30", "vdot": 45.5, "driver_run_id": None},
]


@pytest.fixture
def subscriber(runner, edge):
    """A runner in miles who opted in, with a half marathon in November."""
    runner.write("PATCH", "/api/me", {"monthly_report": True, "units": "imperial"})
    race = {
        "start_time": "2026-11-15T08:00:00Z",
        "distance_m": 21097.5,
        "moving_time_s": 6300,
        "is_race": True,
    }
    runner.post("/api/runs", race, status=201)
    me = runner.get("/api/me").json
    edge.get(f"{TRAINING_URL}/users/{me['user_id']}/fitness", json={"history": HISTORY})
    return me


def reports_to(sink, email: str) -> list[dict]:
    return [mail for mail in sink.to(email) if mail["subject"].startswith("Your running in")]


def test_the_report_says_distance_runs_time_records_and_fitness_in_the_runners_units(subscriber, sink, email):
    assert monthly.fan_out(MONTH, monthly.report) == 1

    [mail] = reports_to(sink, email)
    assert mail["subject"] == "Your running in November 2026"
    assert "13.1 mi" in mail["text"]  # 21.1 km, in miles
    assert "1:45:00" in mail["text"]
    assert "Half marathon" in mail["text"]
    assert "44.0 -> 45.5" in mail["text"]
    assert "<table>" in mail["html"]


def test_the_report_is_sent_once_even_when_the_task_runs_twice(subscriber, sink, email):
    monthly.fan_out(MONTH, monthly.report)
    monthly.fan_out(MONTH, monthly.report)

    assert len(reports_to(sink, email)) == 1


def test_a_report_that_failed_half_way_is_sent_once_by_the_retry(subscriber, sink, email, edge):
    user_id = subscriber["user_id"]
    edge.get(
        f"{TRAINING_URL}/users/{user_id}/fitness",
        [{"exc": requests.ConnectionError}, {"json": {"history": HISTORY}}],
    )
    account_id = _account_id(email)

    with pytest.raises(Exception, match="does not answer"):
        monthly.report(account_id, MONTH)  # the worker "dies": nothing claimed, nothing sent
    assert reports_to(sink, email) == []

    assert monthly.report(account_id, MONTH) is True
    assert monthly.report(account_id, MONTH) is False
    assert len(reports_to(sink, email)) == 1


def test_runners_who_did_not_opt_in_get_no_report(runner, sink, email):
    assert monthly.fan_out(MONTH, monthly.report) == 0
    assert reports_to(sink, email) == []


def test_the_unsubscribe_link_works_without_logging_in(subscriber, sink, email, browser):
    monthly.fan_out(MONTH, monthly.report)
    link = sink.link_to(email, "/unsubscribe")
    browser.post("/api/logout", status=204)
    browser.app.reset()

    browser.app.post_json("/api/reports/unsubscribe", {"token": token_of(link)}, status=204)

    assert monthly.fan_out("2026-12", monthly.report) == 0


def test_a_forged_unsubscribe_token_is_refused(browser):
    refused = browser.app.post_json("/api/reports/unsubscribe", {"token": "MQ.forged"}, status=400)

    assert "not one of ours" in refused.json["detail"]


def _account_id(email: str) -> int:
    from runnerly_dashboard.accounts.models import Account
    from runnerly_dashboard.accounts.services import find
    from runnerly_dashboard.extensions import db

    with db.new_session() as session:
        account: Account = find(session, email)
        return account.id
