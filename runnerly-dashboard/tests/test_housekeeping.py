"""Rows that only age are pruned; live ones stay. Inboxes cannot be bombed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from runnerly_core.orm import utcnow
from runnerly_dashboard.extensions import db
from runnerly_dashboard.housekeeping import prune
from runnerly_dashboard.sessions.models import Session as BrowserSession

from .conftest import PASSWORD


def test_ended_sessions_are_pruned_and_live_ones_kept(runner):
    with db.new_session() as session:
        [live] = session.scalars(select(BrowserSession)).all()
        session.add(
            BrowserSession(
                token_hash="0" * 64, account_id=live.account_id, expires_at=utcnow() - timedelta(days=1)
            )
        )
        session.commit()

        assert prune(session)["sessions"] == 1
        assert session.scalar(select(func.count()).select_from(BrowserSession)) == 1
    assert runner.get("/api/me").status_code == 200


def test_sign_up_requests_past_the_hourly_cap_send_nothing_more_and_answer_alike(browser, email, settings):
    answers = [browser.sign_up(email, PASSWORD).json for _ in range(settings.max_mails_per_hour + 2)]

    assert len(browser.sink.to(email)) == settings.max_mails_per_hour
    assert all(answer == answers[0] for answer in answers)
