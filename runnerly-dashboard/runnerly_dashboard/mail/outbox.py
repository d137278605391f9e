"""Mail through an outbox: a message is a row written in the caller's transaction and sent
after the commit by the worker (``dashboard.send_mail``); the beat's sweep sends whatever
a lost message left behind. A message is marked sent once the SMTP server took it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runnerly_core.orm import utcnow
from runnerly_dashboard.mail.messages import render
from runnerly_dashboard.mail.models import OutgoingMail
from runnerly_dashboard.mail.smtp import SmtpSender
from runnerly_dashboard.settings import DashboardSettings

log = logging.getLogger(__name__)
PENDING = "runnerly_dashboard.mail_ids"
SWEEP_AFTER = timedelta(minutes=1)  # a message still unsent after this is the sweep's


class Mailer:
    """Extension: ``mailer.init_app(settings, sessions)``; ``enqueue`` hands a mail id to
    the worker (Celery by default; tests and the CLI may send at once)."""

    def __init__(self) -> None:
        self.settings: DashboardSettings | None = None
        self._sessions: Callable[[], Session] | None = None
        self.sender: SmtpSender | None = None
        self.enqueue: Callable[[int], None] = self._no_worker

    def init_app(self, settings: DashboardSettings, sessions: Callable[[], Session]) -> None:
        self.settings, self._sessions = settings, sessions
        self.sender = SmtpSender(settings)

    def queue(
        self,
        session: Session,
        to: str,
        template: str,
        context: dict,
        headers: dict | None = None,
        *,
        capped: bool = True,
    ) -> int | None:
        """Adds the message to ``session``'s transaction; sent after :meth:`commit`. Past
        ``max_mails_per_hour`` to one address nothing is added (None): the caller answers
        as if it were sent, so the cap tells nothing about the address either. Mail that
        no visitor can trigger (the monthly report) is not ``capped``."""
        if capped and self._recent(session, to) >= self.settings.max_mails_per_hour:
            log.warning("mail to an address over its hourly cap was not sent")
            return None
        context = {"public_url": self.settings.public_url, **context}
        subject, text, html = render(template, context)
        mail = OutgoingMail(to=to, subject=subject, text=text, html=html, headers=headers or {})
        session.add(mail)
        session.flush()
        session.info.setdefault(PENDING, []).append(mail.id)
        return mail.id

    @staticmethod
    def _recent(session: Session, to: str) -> int:
        since = utcnow() - timedelta(hours=1)
        query = (
            select(func.count())
            .select_from(OutgoingMail)
            .where(OutgoingMail.to == to, OutgoingMail.created_at > since)
        )
        return session.scalar(query)

    def commit(self, session: Session) -> None:
        """Commit, then hand the messages of the transaction to the worker."""
        session.commit()
        for mail_id in session.info.pop(PENDING, []):
            try:
                self.enqueue(mail_id)
            except Exception as error:  # noqa: BLE001 — the sweep sends it; the request succeeded
                log.warning("mail %s not handed to the worker yet: %s", mail_id, error)

    def send(self, mail_id: int) -> bool:
        """Send one message unless it was sent; True when this call sent it."""
        with self._sessions() as session:
            mail = session.scalar(select(OutgoingMail).where(OutgoingMail.id == mail_id).with_for_update())
            if mail is None or mail.sent_at is not None:
                return False
            self.sender.send(mail)
            mail.sent_at = utcnow()
            session.commit()
            return True

    def send_pending(self) -> int:
        with self._sessions() as session:
            query = select(OutgoingMail.id).where(
                OutgoingMail.sent_at.is_(None), OutgoingMail.created_at < utcnow() - SWEEP_AFTER
            )
            ids = list(session.scalars(query.order_by(OutgoingMail.id).limit(500)))
        return sum(self.send(mail_id) for mail_id in ids)

    @staticmethod
    def _no_worker(mail_id: int) -> None:
        log.info("mail %s waits for the sweep (no worker configured)", mail_id)
