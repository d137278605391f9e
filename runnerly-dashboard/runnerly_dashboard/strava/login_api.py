"""'Continue with Strava' (not built yet: the Strava service has no login flow to call)."""

from runnerly_core.problems import problem


def start():
    raise problem(
        501,
        "Not Implemented",
        "Continue with Strava is not available yet: sign up with e-mail, then link Strava.",
    )


def complete(body: dict):
    raise problem(
        501,
        "Not Implemented",
        "Continue with Strava is not available yet: sign up with e-mail, then link Strava.",
    )
