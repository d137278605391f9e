"""Sending through SMTP (the production relay, or the local sink of ``make run``)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from runnerly_dashboard.settings import DashboardSettings

TIMEOUT_S = 15


class SmtpSender:
    def __init__(self, settings: DashboardSettings) -> None:
        self.settings = settings

    def send(self, mail) -> None:
        with self._connect() as smtp:
            smtp.send_message(self.message(mail))

    def message(self, mail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.mail_from
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="runnerly.local")
        for name, value in (mail.headers or {}).items():
            message[name] = value
        message.set_content(mail.text)
        message.add_alternative(mail.html, subtype="html")
        return message

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.smtp_ssl:
            smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S)
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S)
            if settings.smtp_starttls:
                smtp.starttls()
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_username, password)
        return smtp
