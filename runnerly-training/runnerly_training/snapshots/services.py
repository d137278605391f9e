"""A runner's computed fitness and load: answered from the cache, recomputed on a miss.

A snapshot is fresh while it was computed today (the runner's today: efforts fade day by
day), by the current computation, from the current generation of the runner's runs, from
inputs read less than :data:`MAX_AGE` ago. ``runs.changed`` events make a snapshot stale at
once; the age limit is the safety net for an event that never came (a broker away when a
run was typed in). The database is the only state: any replica answers from any other's
snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from runnerly_training.base import insert_for, utcnow
from runnerly_training.datasource import DataSource
from runnerly_training.dates import local_today
from runnerly_training.fitness.documents import fitness_document
from runnerly_training.load.documents import load_document
from runnerly_training.snapshots.inputs import TrainingInputs, gather_inputs
from runnerly_training.snapshots.models import COMPUTATION_VERSION, RunSplits, TrainingSnapshot
from runnerly_training.snapshots.splits import SplitsCache

Table = TrainingSnapshot.__table__
MAX_AGE = timedelta(hours=1)


@dataclass(frozen=True)
class Snapshot:
    user_id: int
    as_of: date
    computed_at: datetime
    fingerprint: str
    fitness: dict
    load: dict


def current_snapshot(
    session: Session, source: DataSource, user_id: int, now: datetime | None = None
) -> Snapshot:
    now = now or utcnow()
    row = session.get(TrainingSnapshot, user_id, populate_existing=True)
    if row is not None and is_fresh(row, now):
        return _snapshot_of(row)
    return refresh(session, source, user_id, now)


def is_fresh(row: TrainingSnapshot, now: datetime) -> bool:
    return (
        row.fitness is not None
        and row.computed_generation == row.generation
        and row.computation_version == COMPUTATION_VERSION
        and row.as_of == local_today(row.timezone or "UTC", now)
        and row.inputs_fetched_at is not None
        and now - row.inputs_fetched_at < MAX_AGE
    )


def refresh(session: Session, source: DataSource, user_id: int, now: datetime | None = None) -> Snapshot:
    """Recompute from the data service and keep the result, unless a computation that
    started later (from newer data) has been kept meanwhile."""
    now = now or utcnow()
    generation = _generation(session, user_id)
    splits = SplitsCache.load(session, user_id)
    session.commit()  # no transaction stays open across the calls to the data service
    inputs = gather_inputs(source, user_id, splits, now)
    snapshot = compute(user_id, inputs)
    splits.save(session, inputs.listed_ids)
    _keep(session, snapshot, generation, inputs)
    session.commit()
    return snapshot


def compute(user_id: int, inputs: TrainingInputs) -> Snapshot:
    fitness = fitness_document(inputs.runs, inputs.today)
    load = load_document(inputs.user, inputs.runs, inputs.today, fitness["vdot"])
    return Snapshot(user_id, inputs.today, utcnow(), inputs.fingerprint, fitness, load)


def invalidate(session: Session, user_id: int) -> None:
    """Make the runner's snapshot stale, whether or not there is one yet (no commit)."""
    insert = insert_for(session)(TrainingSnapshot).values(user_id=user_id, generation=1)
    bump = {"generation": Table.c.generation + 1}
    session.execute(insert.on_conflict_do_update(index_elements=["user_id"], set_=bump))


def fingerprint_of(session: Session, user_id: int) -> str | None:
    return session.scalar(select(TrainingSnapshot.fingerprint).where(TrainingSnapshot.user_id == user_id))


def forget(session: Session, user_id: int) -> None:
    """A runner deleted from the data service: nothing of theirs is kept (no commit)."""
    session.execute(RunSplits.__table__.delete().where(RunSplits.user_id == user_id))
    session.execute(Table.delete().where(Table.c.user_id == user_id))


def _generation(session: Session, user_id: int) -> int:
    return session.scalar(select(TrainingSnapshot.generation).where(TrainingSnapshot.user_id == user_id)) or 0


def _keep(session: Session, snapshot: Snapshot, generation: int, inputs: TrainingInputs) -> None:
    values = {
        "computed_generation": generation,
        "computation_version": COMPUTATION_VERSION,
        "as_of": snapshot.as_of,
        "timezone": inputs.user["timezone"],
        "inputs_fetched_at": inputs.fetched_at,
        "computed_at": snapshot.computed_at,
        "fingerprint": snapshot.fingerprint,
        "fitness": snapshot.fitness,
        "load": snapshot.load,
    }
    insert = insert_for(session)(TrainingSnapshot).values(user_id=snapshot.user_id, generation=0, **values)
    older = or_(
        Table.c.computed_generation.is_(None),
        Table.c.computed_generation < generation,
        (Table.c.computed_generation == generation) & (Table.c.inputs_fetched_at < inputs.fetched_at),
    )
    session.execute(insert.on_conflict_do_update(index_elements=["user_id"], set_=values, where=older))


def _snapshot_of(row: TrainingSnapshot) -> Snapshot:
    return Snapshot(row.user_id, row.as_of, row.computed_at, row.fingerprint, row.fitness, row.load)
