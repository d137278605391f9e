"""The monthly report: last month's running, mailed on the 1st to runners who opted in.

Exactly once per runner and month: :func:`report` first claims the (account, month) row
(unique), then writes the mail in the same transaction. A second run of the task, or a
retry after a worker died, finds the claim and sends nothing; a failure before the
commit leaves neither claim nor mail, and the retry does the whole report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from runnerly_core.orm import utcnow
from runnerly_dashboard.accounts.models import Account
from runnerly_dashboard.extensions import db, mailer
from runnerly_dashboard.reports.contents import contents
from runnerly_dashboard.reports.models import ReportDelivery
from runnerly_dashboard.reports.tokens import unsubscribe_token
from runnerly_dashboard.settings import DashboardSettings

log = logging.getLogger(__name__)


def previous_month(today: date) -> str:
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def fan_out(month: str | None, enqueue: Callable[[int, str], None]) -> int:
    """Enqueue one report per opted-in runner; returns how many."""
    month = month or previous_month(datetime.now(UTC).date())
    with db.new_session() as session:
        ids = list(
            session.scalars(
                select(Account.id).where(Account.monthly_report.is_(True), Account.user_id.is_not(None))
            )
        )
    for account_id in ids:
        enqueue(account_id, month)
    return len(ids)


def report(account_id: int, month: str) -> bool:
    """Claim and write one runner's report; True when this call wrote it."""
    settings: DashboardSettings = mailer.settings
    with db.new_session() as session:
        account = session.get(Account, account_id)
        if account is None or not account.monthly_report or account.user_id is None:
            return False
        delivery = ReportDelivery(account_id=account.id, month=month, claimed_at=utcnow())
        session.add(delivery)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            log.info("report %s for account %s was claimed already", month, account_id)
            return False
        context = {**contents(account.user_id, month), "unsubscribe_token": unsubscribe_token(account.id)}
        unsubscribe = f"<{settings.public_url}/unsubscribe?token={context['unsubscribe_token']}>"
        delivery.mail_id = mailer.queue(
            session, account.email, "monthly_report", context, {"List-Unsubscribe": unsubscribe}, capped=False
        )
        mailer.commit(session)
        return True
