"""The real pieces around the Strava service in integration tests (runnerly-core's)."""

from runnerly_core.testing_suite import (
    DataService,
    free_port,
    restartable_data_service,
    served,
    token_server,
    wait_until,
)

__all__ = ["DataService", "free_port", "restartable_data_service", "served", "token_server", "wait_until"]
