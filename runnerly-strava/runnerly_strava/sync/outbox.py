"""``runs.changed`` through the outbox (:mod:`runnerly_core.outbox`): recorded in the
transaction that writes the batch, published after it commits by the task that wrote it,
and by the beat sweep if the broker was away."""

from __future__ import annotations

from sqlalchemy.orm import Session

from runnerly_core import events
from runnerly_strava.sync.models import OutboxEvent


def record_runs_changed(session: Session, user_id: int, changes: dict[str, list[int]]) -> None:
    """One ``runs.changed`` event for the runs this batch created, updated or deleted."""
    changed = {kind: ids for kind, ids in changes.items() if ids}
    if not changed:
        return
    kind = next(iter(changed)) if len(changed) == 1 else "mixed"
    run_ids = sorted({run_id for ids in changed.values() for run_id in ids})
    session.add(OutboxEvent(body=events.runs_changed(user_id, run_ids, kind)))
