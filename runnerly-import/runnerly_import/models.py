"""Every model of the service, so that ``Base.metadata`` is complete (Alembic, tests)."""

from runnerly_core.outbox import OutboxEventMixin
from runnerly_import.base import Base
from runnerly_import.uploads.models import ImportJob, Upload


class OutboxEvent(OutboxEventMixin, Base):
    """A domain event recorded with the change it announces (see runnerly_core.outbox)."""


__all__ = ["Base", "ImportJob", "OutboxEvent", "Upload"]
