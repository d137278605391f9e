"""Every model of the service, so that ``Base.metadata`` is complete (Alembic, tests)."""

from runnerly_training.base import Base
from runnerly_training.snapshots.models import ProcessedEvent, RunSplits, TrainingSnapshot

__all__ = ["Base", "ProcessedEvent", "RunSplits", "TrainingSnapshot"]
