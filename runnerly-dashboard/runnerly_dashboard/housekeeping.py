"""Daily housekeeping: rows that only age (ended sessions, spent links, old failures, mail
sent long ago) are deleted, so the tables stay the size of what is live."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_dashboard.accounts.models import EmailToken
from runnerly_dashboard.mail.models import OutgoingMail
from runnerly_dashboard.sessions.models import LoginFailure
from runnerly_dashboard.sessions.models import Session as BrowserSession

KEEP_SENT_MAIL = timedelta(days=30)
KEEP_FAILURES = timedelta(days=1)  # far longer than any throttling window


def prune(session: Session) -> dict[str, int]:
    now = utcnow()
    deleted = {
        "sessions": session.execute(delete(BrowserSession).where(BrowserSession.expires_at < now)).rowcount,
        "links": session.execute(
            delete(EmailToken).where(or_(EmailToken.expires_at < now, EmailToken.used_at.is_not(None)))
        ).rowcount,
        "login_failures": session.execute(
            delete(LoginFailure).where(LoginFailure.at < now - KEEP_FAILURES)
        ).rowcount,
        "mail": session.execute(
            delete(OutgoingMail).where(OutgoingMail.sent_at < now - KEEP_SENT_MAIL)
        ).rowcount,
    }
    session.commit()
    return deleted
