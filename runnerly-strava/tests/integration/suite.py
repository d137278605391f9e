"""The real pieces around the Strava service in integration tests (runnerly-core's)."""

from runnerly_core.testing_suite import (
    BIN,
    DataService,
    celery_worker,
    console_process,
    data_service,
    free_port,
    json_lines,
    restartable_data_service,
    served,
    token_server,
    wait_until,
)

__all__ = [
    "BIN",
    "DataService",
    "celery_worker",
    "console_process",
    "data_service",
    "free_port",
    "json_lines",
    "restartable_data_service",
    "served",
    "token_server",
    "wait_until",
]
