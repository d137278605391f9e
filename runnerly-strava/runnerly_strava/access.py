"""The runtime the handlers work with (links, Strava client, jobs), bound by create_app."""

from flask import current_app

from runnerly_strava.runtime import Runtime

RUNTIME = "runnerly_strava.runtime"


def current_runtime() -> Runtime:
    return current_app.extensions[RUNTIME]
