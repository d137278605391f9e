"""Settings of the import service and its workers, read from ``RUNNERLY_IMPORT_*`` variables.

The limits bound what an untrusted upload can cost: the body (413 beyond it), each file,
and what a ZIP may expand to (total size, ratio, members), checked before anything is
stored and again, on the bytes actually inflated, by the worker.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from runnerly_core.local import local_database_url
from runnerly_core.settings import ClientSettings

SERVICE = "runnerly-import"
MIB = 1024 * 1024


class ImportSettings(ClientSettings):
    model_config = SettingsConfigDict(env_prefix="RUNNERLY_IMPORT_", extra="ignore")

    database_url: str = Field(default_factory=lambda: local_database_url("import"))
    # Empty: the local RabbitMQ (make run sets a SQLite-backed transport when none answers).
    broker_url: str = ""
    # The Celery queue is "<queue_prefix>.files".
    queue_prefix: str = "import"
    data_url: str = "http://localhost:5002"

    # A whole upload (one request), and one activity file once inflated.
    max_upload_bytes: Annotated[int, Field(gt=0)] = 200 * MIB
    max_file_bytes: Annotated[int, Field(gt=0)] = 50 * MIB
    # A ZIP archive: what it may hold once inflated, and how much it may inflate.
    max_archive_members: Annotated[int, Field(gt=0)] = 20_000
    max_archive_bytes: Annotated[int, Field(gt=0)] = 4096 * MIB
    max_compression_ratio: Annotated[float, Field(gt=1)] = 100.0
    # Plausibility of a run: no faster on average, no longer than this.
    max_average_speed_mps: Annotated[float, Field(gt=0)] = 12.5
    max_elapsed_seconds: Annotated[int, Field(gt=0)] = 7 * 24 * 3600
    retry_backoff_seconds: Annotated[float, Field(gt=0)] = 5.0
    max_transient_retries: Annotated[int, Field(ge=0)] = 8
    task_time_limit_seconds: Annotated[int, Field(gt=0)] = 300

    @property
    def files_queue(self) -> str:
        return f"{self.queue_prefix}.files"
