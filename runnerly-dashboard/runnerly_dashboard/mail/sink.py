"""The development mail sink: an SMTP server (aiosmtpd) keeping every message in a
Maildir, which the development page and ``runnerly-dashboard mail list`` read."""

from __future__ import annotations

import mailbox
import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

from runnerly_core import together

LINK = re.compile(r"https?://[^\s\"'<>]+")


def start_sink(directory: Path, host: str, port: int) -> Controller:
    for folder in ("tmp", "new", "cur"):  # a Maildir, even in a folder that exists already
        (directory / folder).mkdir(parents=True, exist_ok=True)
    controller = Controller(Mailbox(str(directory)), hostname=host, port=port)
    controller.start()
    return controller


def serve_sink(directory: Path, host: str, port: int) -> None:
    """Run until SIGTERM or Ctrl-C (in a process of its own, or in a thread of
    ``runnerly_core.together``, as ``make run`` runs it)."""
    controller = start_sink(directory, host, port)
    stop = together.StopEvent()
    together.stop_on_sigterm(stop)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


def messages(directory: Path, to: str | None = None) -> list[dict]:
    """The kept messages, newest first, optionally only those to one address."""
    if not directory.exists():
        return []
    found = [_summary(key, _parse(message)) for key, message in mailbox.Maildir(str(directory)).items()]
    if to:
        found = [each for each in found if to.lower() in each["to"].lower()]
    return sorted(found, key=lambda each: (_delivered(each["id"]), each["sort"]), reverse=True)


def _delivered(key: str) -> tuple[int, int]:
    """When the sink stored a message, from its Maildir key ("<seconds>.M<microseconds>P…"):
    the Date header has whole seconds only, so two mails of one second would tie."""
    seconds, _, rest = key.partition(".M")
    try:
        return int(seconds), int(rest.split("P", 1)[0])
    except ValueError:
        return 0, 0


def _parse(message: mailbox.MaildirMessage) -> EmailMessage:
    return message_from_bytes(message.as_bytes(), policy=policy.default)


def _summary(key: str, message: EmailMessage) -> dict:
    text, html = _body(message, "plain"), _body(message, "html")
    date = str(message.get("Date", ""))
    return {
        "id": key,
        "to": str(message.get("To", "")),
        "subject": str(message.get("Subject", "")),
        "date": date,
        "sort": parsedate_to_datetime(date).timestamp() if date else 0.0,
        "text": text,
        "html": html,
        "links": LINK.findall(text),
    }


def _body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""
