"""The messages: a subject, a plain-text and an HTML body from templates, in the runner's
units (``units`` in the context: ``metric`` or ``imperial``)."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from runnerly_dashboard import units

SUBJECTS = {
    "confirm_signup": "Confirm your Runnerly account",
    "already_registered": "Someone tried to sign up to Runnerly with your address",
    "reset_password": "Reset your Runnerly password",  # a subject, not a password
    "confirm_email": "Confirm your new Runnerly address",
    "monthly_report": "Your running in {{ month_name }}",
}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("runnerly_dashboard", "mail/templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(distance=units.distance, pace=units.pace, duration=units.duration)
    return env


def render(template: str, context: dict) -> tuple[str, str, str]:
    env = environment()
    context = {"units": "metric", **context}
    subject = env.from_string(SUBJECTS[template]).render(**context)
    text = env.get_template(f"{template}.txt").render(**context)
    html = env.get_template(f"{template}.html").render(**context)
    return subject, text, html
