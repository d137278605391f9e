"""The runtime of the app that serves the request (who may touch what is
:func:`runnerly_core.auth.caller_for`: a user token reaches only its own user's uploads)."""

from flask import current_app

from runnerly_import.runtime import Runtime

RUNTIME = "runnerly_import.runtime"


def current_runtime() -> Runtime:
    return current_app.extensions[RUNTIME]
