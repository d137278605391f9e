"""The real pieces around the Strava service in integration tests (runnerly-core's)."""

from runnerly_core.testing_suite import data_service, free_port, served, token_server, wait_until

__all__ = ["data_service", "free_port", "served", "token_server", "wait_until"]
