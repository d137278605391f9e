"""The idempotent bulk upsert that sync workers and file imports write through.

A batch is all or nothing: every item is checked before anything is written. Items are
keyed by (source, source_id); an item whose content hash equals the stored one is
"unchanged", so a retried or repeated batch writes nothing. Batches of one runner are
serialised by a lock on the runner's row, and the unique key backs that up.

An item whose key is new may *adopt* a run of another source that is the same activity
(``runnerly_core.sameactivity``): a Strava activity that comes after its file was imported
re-keys the file's run instead of making a second one. Under the runner's lock, so a
concurrent batch cannot adopt the same run or create the twin in between.

An item with ``match_existing`` defers to any run of the runner that is already the same
activity: nothing is written and its outcome is ``matched``, with that run's id. The file
import sends it, so that a file written at the very moment its Strava activity is synced
cannot make a second run: whichever batch takes the runner's lock first writes the run,
the other adopts it (Strava) or matches it (the file).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, tuple_, update
from sqlalchemy.orm import Session

from runnerly_core.problems import bad_request, not_found
from runnerly_core.sameactivity import START_SECONDS, same_activity
from runnerly_data.plans.matching import link_runs
from runnerly_data.runs.inputs import InvalidRun, PreparedRun, prepare
from runnerly_data.runs.models import Run
from runnerly_data.users.models import User

# Streams come from files only: the Strava sync, adopting a file's run or updating it
# later, sends none, and must not erase the file's (a ``null`` does).
KEPT_WHEN_OMITTED = frozenset({"streams"})


def upsert_runs(session: Session, user_id: int, items: list[dict]) -> dict:
    prepared = _prepare_all(items)
    _lock_user(session, user_id)
    outcomes = _write(session, user_id, items, prepared)
    session.commit()
    return _report(items, outcomes)


def _lock_user(session: Session, user_id: int) -> None:
    """Serialise batches of one runner: the second waits, then finds the first's runs.

    A no-op UPDATE as the transaction's first statement takes the user's row lock on
    PostgreSQL and the write lock on SQLite (which must come before any read there, or
    two writers deadlock on their read snapshots).
    """
    locked = session.execute(update(User).where(User.id == user_id).values(updated_at=User.updated_at))
    if locked.rowcount == 0:
        raise not_found(f"There is no user {user_id}.")


def _prepare_all(items: list[dict]) -> list[PreparedRun]:
    errors, prepared = [], []
    for index, item in enumerate(items):
        try:
            prepared.append(prepare(item))
        except InvalidRun as error:
            errors.append(_error(index, error.field, str(error)))
    if errors:
        raise bad_request(
            f"{len(errors)} of {len(items)} runs are invalid; nothing was written.", errors=errors
        )
    return prepared


def _error(index: int, field: str, message: str) -> dict:
    return {"index": index, "field": field, "message": message}


def _write(
    session: Session, user_id: int, items: list[dict], prepared: list[PreparedRun]
) -> list[tuple[Run, str]]:
    existing = _existing(session, user_id, [(i["source"], i["source_id"]) for i in items])
    outcomes = []
    for item, run_input in zip(items, prepared, strict=True):
        # Items apply in order: the same run twice in a batch is two upserts, the last wins.
        key = (item["source"], item["source_id"])
        run, outcome = _upsert_one(session, user_id, item, run_input, existing.get(key))
        if outcome != "matched":
            existing[key] = run
        outcomes.append((run, outcome))
    session.flush()
    changed = [run for run, outcome in outcomes if outcome in ("created", "updated")]
    link_runs(session, user_id, changed)
    return outcomes


def _upsert_one(
    session: Session, user_id: int, item: dict, run_input: PreparedRun, known: Run | None
) -> tuple[Run, str]:
    if known is None and item.get("match_existing"):
        twin = _same_activity(session, user_id, run_input)
        if twin is not None:
            return twin, "matched"
    if known is None and item.get("adopt"):
        known = _same_activity(session, user_id, run_input, source=item["adopt"])
    return _apply(session, user_id, item, run_input, known)


def _existing(session: Session, user_id: int, keys: list[tuple[str, str]]) -> dict:
    query = select(Run).where(Run.user_id == user_id, tuple_(Run.source, Run.source_id).in_(keys))
    return {(run.source, run.source_id): run for run in session.scalars(query)}


def _same_activity(
    session: Session, user_id: int, run_input: PreparedRun, source: str | None = None
) -> Run | None:
    """The runner's run (of ``source``, or any) that is this item's activity, closest start
    first. The query flushes first, so runs earlier in the batch count too."""
    start, distance = run_input.columns["start_time"], run_input.columns["distance_m"]
    window = timedelta(seconds=START_SECONDS)
    query = select(Run).where(Run.user_id == user_id, Run.start_time.between(start - window, start + window))
    if source is not None:
        query = query.where(Run.source == source)
    twins = [
        run
        for run in session.scalars(query)
        if same_activity(run.start_time, run.distance_m, start, distance)
    ]
    return min(twins, key=lambda run: abs(run.start_time - start), default=None)


def _apply(
    session: Session, user_id: int, item: dict, run_input: PreparedRun, run: Run | None
) -> tuple[Run, str]:
    if run is None:
        run = Run(
            user_id=user_id,
            source=item["source"],
            source_id=item["source_id"],
            content_hash=run_input.content_hash,
            version=1,
            **run_input.columns,
        )
        session.add(run)
        return run, "created"
    if run.content_hash == run_input.content_hash:
        return run, "unchanged"
    run.source, run.source_id = item["source"], item["source_id"]  # the same, or adopted
    for column, value in run_input.columns.items():
        if column in KEPT_WHEN_OMITTED and column not in item:
            continue
        setattr(run, column, value)
    run.content_hash = run_input.content_hash
    run.version += 1
    return run, "updated"


def _report(items: list[dict], outcomes: list[tuple[Run, str]]) -> dict:
    counts = {"created": 0, "updated": 0, "unchanged": 0, "matched": 0}
    runs = []
    for item, (run, outcome) in zip(items, outcomes, strict=True):
        counts[outcome] += 1
        runs.append(
            {"source": item["source"], "source_id": item["source_id"], "id": run.id, "outcome": outcome}
        )
    return {**counts, "runs": runs}
