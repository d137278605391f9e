"""The development page listing the mail sink's messages (404 outside development)."""

from flask import current_app

from runnerly_core.problems import not_found
from runnerly_core.responses import ok
from runnerly_dashboard.mail.sink import messages


def list_mail(to: str | None = None):
    settings = current_app.config["RUNNERLY_SETTINGS"]
    if not settings.dev_mail_visible:
        raise not_found("There is no mail sink outside development.")
    items = [{k: v for k, v in each.items() if k != "sort"} for each in messages(settings.mail_sink_dir, to)]
    return ok({"items": items})
