"""The authorization page an athlete sees; kept in Python so it ships with the code."""

from __future__ import annotations

from flask import render_template_string, url_for

from .config import Application
from .model import Athlete
from .tokens import SCOPES

SCOPE_LABELS = {
    "read": "View data about your public profile",
    "read_all": "View data about your private routes, segments and events",
    "profile:read_all": "View your complete Strava profile",
    "profile:write": "Update your weight and Functional Threshold Power",
    "activity:read": "View data about your activities",
    "activity:read_all": "View data about your activities, including those visible to Only You",
    "activity:write": "Upload activities from this app to Strava and edit them",
}
#: Strava does not let the athlete untick public profile access.
REQUIRED_SCOPES = ("read",)

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Authorize {{ app.name }} | Strava sandbox</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
body { color: #242428; }
.banner { background: #fff3cd; padding: .5rem .8rem; border-radius: 4px; font-size: .9rem; }
h1 { color: #fc4c02; font-size: 1.4rem; }
fieldset { border: 1px solid #ddd; border-radius: 6px; margin: 1rem 0; padding: .8rem 1rem; }
label { display: block; margin: .35rem 0; }
button { padding: .6rem 1.4rem; border-radius: 4px; border: 0; font-size: 1rem; cursor: pointer; }
.authorize { background: #fc4c02; color: #fff; }
.deny { background: #e6e6eb; margin-left: .5rem; }
</style>
</head>
<body>
<p class="banner">Strava sandbox: demo data for development, not the real Strava.</p>
<h1>Authorize {{ app.name }} to connect to Strava</h1>
<form method="post" action="{{ action }}">
  <input type="hidden" name="client_id" value="{{ app.client_id }}">
  <input type="hidden" name="redirect_uri" value="{{ redirect_uri }}">
  <input type="hidden" name="response_type" value="code">
  <input type="hidden" name="state" value="{{ state }}">
  <fieldset>
    <legend>Log in as</legend>
    {% for athlete in athletes %}
    <label><input type="radio" name="athlete_id" value="{{ athlete.id }}" {{ "checked" if loop.first }}>
      {{ athlete.firstname }} {{ athlete.lastname }} ({{ athlete.city.name }})</label>
    {% endfor %}
  </fieldset>
  <fieldset>
    <legend>{{ app.name }} would like to</legend>
    {% for scope in scopes %}
      {% if scope in required %}
    <input type="hidden" name="scope" value="{{ scope }}">
    <label><input type="checkbox" checked disabled> {{ labels[scope] }} (required)</label>
      {% else %}
    <label><input type="checkbox" name="scope" value="{{ scope }}" checked> {{ labels[scope] }}</label>
      {% endif %}
    {% endfor %}
  </fieldset>
  <button class="authorize" type="submit" name="decision" value="authorize">Authorize</button>
  <button class="deny" type="submit" name="decision" value="deny">Cancel</button>
</form>
</body>
</html>
"""


def render_consent(
    app: Application, athletes: list[Athlete], scopes: frozenset[str], redirect_uri: str, state: str
) -> str:
    return render_template_string(
        _PAGE,
        app=app,
        athletes=athletes,
        scopes=[scope for scope in SCOPES if scope in scopes],
        required=REQUIRED_SCOPES,
        labels=SCOPE_LABELS,
        redirect_uri=redirect_uri,
        state=state,
        # No query string: the decision must carry only what the athlete ticked.
        action=url_for("strava_oauth.authorize_decision"),
    )
