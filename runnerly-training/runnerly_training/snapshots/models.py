"""What the cache keeps: per runner, the computed fitness and load; per run, its splits;
and the events already applied, so that a redelivered event is applied once."""

from datetime import date, datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_training.base import Base, JsonDocument, UtcDateTime, utcnow

# Bump when what is computed from the same inputs changes (model, document shape): every
# snapshot of an older version is then a miss and is recomputed.
COMPUTATION_VERSION = 3  # 2: detraining, CTL/ATL/TSB and ACWR, split heart rates; 3: streams


class TrainingSnapshot(Base):
    """A runner's fitness and load as of one day, and the counter that invalidates them.

    ``generation`` counts the ``runs.changed`` events applied for the runner; a snapshot
    computed from an older generation than the current one is stale. Counting, rather
    than comparing the event's time with the computation's, needs no clocks to agree.
    """

    __tablename__ = "training_snapshots"

    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    generation: Mapped[int] = mapped_column(default=0)
    computed_generation: Mapped[int | None]
    computation_version: Mapped[int | None]
    as_of: Mapped[date | None]
    timezone: Mapped[str | None] = mapped_column(String(64))
    inputs_fetched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    computed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    fitness: Mapped[dict | None] = mapped_column(JsonDocument)
    load: Mapped[dict | None] = mapped_column(JsonDocument)


class RunSplits(Base):
    """A run's kilometre splits as of its version, so only new or changed runs are fetched."""

    __tablename__ = "run_splits"

    run_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(index=True)
    version: Mapped[int]
    splits: Mapped[list] = mapped_column(JsonDocument)
    # The run's streams (``time_s`` and ``heartrate``, as the data service gives them)
    # when it has a heart-rate stream: zones and TRIMP then count every sample.
    heart_rate: Mapped[dict | None] = mapped_column(JsonDocument)


class ProcessedEvent(Base):
    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int]
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
