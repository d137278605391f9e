"""The shared rate budget: reservations, Strava's counts, and when to come back."""

import pytest

from runnerly_strava.strava.ratelimits import WindowUsage
from runnerly_strava.sync.budget import DETAILS, SUMMARIES, BudgetExhausted, Deferral, RateBudget, countdown
from runnerly_strava.sync.models import RateWindow

# Tuesday 10 March 2026, 10:05:00 UTC: the quarter hour resets at 10:15, the day at midnight.
NOW = 1773137100.0
QUARTER_RESET = 1773137700.0
DAY_RESET = 1773187200.0


@pytest.fixture
def budget(connexion_app, session):
    from runnerly_strava.extensions import db

    return RateBudget(db.new_session, details_share=0.5, margin=3, backoff_seconds=2.0, clock=lambda: NOW)


def usage(read_15=(0, 100), read_day=(0, 1000), overall_15=(0, 200), overall_day=(0, 2000)) -> dict:
    return {
        "read_15min": WindowUsage(*read_15),
        "read_daily": WindowUsage(*read_day),
        "overall_15min": WindowUsage(*overall_15),
        "overall_daily": WindowUsage(*overall_day),
    }


def test_summaries_may_use_a_window_up_to_its_limit_less_the_margin(budget):
    budget.record(usage(read_15=(96, 100)))
    budget.acquire(SUMMARIES)
    with pytest.raises(BudgetExhausted) as exhausted:
        budget.acquire(SUMMARIES)
    assert exhausted.value.deferral == Deferral(QUARTER_RESET, False, "read_15min budget spent for summaries")


def test_details_stop_at_their_share_so_summaries_keep_the_rest(budget):
    budget.record(usage(read_15=(50, 100)))
    with pytest.raises(BudgetExhausted):
        budget.acquire(DETAILS)
    budget.acquire(SUMMARIES)


def test_a_spent_day_defers_to_midnight_and_says_it_is_daily(budget):
    budget.record(usage(read_day=(998, 1000)))
    with pytest.raises(BudgetExhausted) as exhausted:
        budget.acquire(SUMMARIES)
    assert exhausted.value.deferral.resume_at == DAY_RESET
    assert exhausted.value.deferral.daily


def test_stravas_counts_never_lower_what_workers_reserved(budget, session):
    for _ in range(5):
        budget.acquire(SUMMARIES)
    budget.record(usage(read_15=(2, 100)))  # an older answer arriving late
    assert session.get(RateWindow, "read_15min", populate_existing=True).used == 5
    budget.record(usage(read_15=(40, 100)))
    assert session.get(RateWindow, "read_15min", populate_existing=True).used == 40


def test_a_new_window_starts_from_zero(budget, session):
    budget.record(usage(read_15=(100, 100)))
    budget.clock = lambda: QUARTER_RESET + 1
    budget.acquire(SUMMARIES)
    window = session.get(RateWindow, "read_15min", populate_existing=True)
    assert (window.window_start, window.used) == (QUARTER_RESET, 1)


def test_a_429_with_a_spent_window_waits_for_its_reset(budget):
    assert budget.after_rate_limited(usage(read_15=(101, 100)), attempt=0).resume_at == QUARTER_RESET
    daily = budget.after_rate_limited(usage(read_15=(101, 100), read_day=(1001, 1000)), attempt=0)
    assert daily.resume_at == DAY_RESET
    assert daily.daily


def test_an_unexplained_429_backs_off_exponentially_but_not_past_the_quarter_hour(budget):
    first = budget.after_rate_limited(usage(), attempt=0).resume_at - NOW
    later = budget.after_rate_limited(usage(), attempt=4).resume_at - NOW
    capped = budget.after_rate_limited(None, attempt=30).resume_at - NOW
    assert 1.0 <= first <= 2.0
    assert 16.0 <= later <= 32.0
    assert capped <= QUARTER_RESET - NOW


def test_a_deferral_never_holds_a_message_for_thirty_minutes():
    assert countdown(Deferral(NOW + 900, False, ""), NOW) < 1800
    assert countdown(Deferral(NOW + 10_000, False, ""), NOW) < 1800
    assert countdown(Deferral(NOW - 5, False, ""), NOW) == 0
