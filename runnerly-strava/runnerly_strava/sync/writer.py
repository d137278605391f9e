"""Writing Strava activities to the data service, and remembering what was written.

Only what changed is sent: a summary whose fingerprint matches the one stored is skipped,
so a repeated backfill writes nothing. A run that is no longer a run (its sport type
changed) or no longer exists is deleted. Every batch records one ``runs.changed`` event.

A step checks that the link is active before it starts, but an unlink may begin while it
waits on Strava and delete the runner's Strava runs before the step writes its own. So
after every write the link's committed state is read again; if the link ended (or now
belongs to another athlete), the runs just written are deleted again and the step stops
with :class:`LinkEnded`. Either the unlink's deletion or this one comes last: no Strava run
outlives its link.

An activity whose file was imported before it came takes over the file's run rather than
making a second one: every run is sent with ``adopt: upload``, and the data service, under
the runner's lock, re-keys an uploaded run that is the same activity (start within a
minute, distance within 3 %, ``runnerly_core.sameactivity``) as this Strava run. The
outcome is an ordinary ``updated`` with that run's id, which the sync remembers; later
upserts find the run by its Strava key, so the adoption happens once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runnerly_strava.base import insert_for, utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.runtime import Runtime
from runnerly_strava.sync import mapping
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.sync.outbox import record_runs_changed

ADOPT = "upload"  # the source whose runs a Strava activity may turn out to be


class LinkEnded(Exception):
    """The link was unlinked while a step wrote runs for it; those runs were deleted again."""


@dataclass
class Written:
    runs_seen: int = 0
    changes: dict[str, list[int]] = field(
        default_factory=lambda: {"created": [], "updated": [], "deleted": []}
    )
    needing_details: list[int] = field(default_factory=list)


def write_summaries(session: Session, runtime: Runtime, link: Link, activities: list[dict]) -> Written:
    known = _known(session, [activity["id"] for activity in activities])
    fetch_details = runtime.settings.fetch_details
    written, upserts, refetch = Written(), [], []
    for activity in activities:
        run, synced = mapping.summary_run(activity), known.get(activity["id"])
        if run is None:
            if synced is not None:
                _forget(session, runtime, link, synced, written)
            continue
        written.runs_seen += 1
        if synced is not None and synced.summary_hash == mapping.summary_hash(activity):
            continue
        if synced is not None and synced.details == "done" and fetch_details:
            # A summary would replace the run without its laps and splits until they came
            # back; the detailed activity brings the change and keeps them.
            refetch.append(synced)
        else:
            upserts.append((activity, run))
    _upsert(session, runtime, link, upserts, "pending" if fetch_details else "none", written)
    for synced in refetch:
        synced.details = "pending"
    if fetch_details:
        written.needing_details = [activity["id"] for activity, _ in upserts] + [
            s.activity_id for s in refetch
        ]
    record_runs_changed(session, link.user_id, written.changes)
    return written


def write_detailed(session: Session, runtime: Runtime, link: Link, activity: dict) -> Written:
    """A whole activity (webhook or detail fetch): upserted with its details, or deleted."""
    written, run = Written(), mapping.detailed_run(activity)
    if run is None:
        return forget_activity(session, runtime, link, activity["id"])
    written.runs_seen = 1
    _upsert(session, runtime, link, [(activity, run)], "done", written)
    record_runs_changed(session, link.user_id, written.changes)
    return written


def forget_activity(session: Session, runtime: Runtime, link: Link, activity_id: int) -> Written:
    written = Written()
    synced = session.get(SyncedActivity, activity_id)
    if synced is not None and synced.user_id == link.user_id:
        _forget(session, runtime, link, synced, written)
        record_runs_changed(session, link.user_id, written.changes)
    return written


def _known(session: Session, activity_ids: list[int]) -> dict[int, SyncedActivity]:
    rows = session.scalars(select(SyncedActivity).where(SyncedActivity.activity_id.in_(activity_ids)))
    return {row.activity_id: row for row in rows}


def _upsert(
    session: Session, runtime: Runtime, link: Link, upserts: list, details: str, written: Written
) -> None:
    if not upserts:
        return
    outcomes = runtime.data.upsert_runs(link.user_id, [{**run, "adopt": ADOPT} for _, run in upserts])
    _undo_if_link_ended(session, runtime, link, [outcome["id"] for outcome in outcomes])
    rows = []
    for (activity, _), outcome in zip(upserts, outcomes, strict=True):
        if outcome["outcome"] != "unchanged":
            written.changes[outcome["outcome"]].append(outcome["id"])
        rows.append(
            {
                "activity_id": activity["id"],
                "user_id": link.user_id,
                "run_id": outcome["id"],
                "summary_hash": mapping.summary_hash(activity),
                "details": details,
                "updated_at": utcnow(),
            }
        )
    _save_synced(session, rows)


def _undo_if_link_ended(session: Session, runtime: Runtime, link: Link, run_ids: list[int]) -> None:
    # Columns, not the Link object: a new statement reads what is committed now (READ
    # COMMITTED on PostgreSQL; on SQLite this transaction holds the write lock, so nothing
    # committed since it began). Not a second session: a worker's SQLite transaction holds
    # the write lock, which another session of the same process would wait on in vain.
    current = session.execute(
        select(Link.status, Link.athlete_id).where(Link.user_id == link.user_id)
    ).first()
    if current is not None and tuple(current) == ("active", link.athlete_id):
        return
    for run_id in run_ids:
        runtime.data.delete_run(link.user_id, run_id)
    raise LinkEnded(
        f"user {link.user_id} unlinked Strava while a step wrote {len(run_ids)} runs: deleted again"
    )


def _save_synced(session: Session, rows: list[dict]) -> None:
    """INSERT … ON CONFLICT UPDATE: two workers may write the same activity at once."""
    statement = insert_for(session)(SyncedActivity).values(rows)
    columns = {name: statement.excluded[name] for name in ("run_id", "summary_hash", "details", "updated_at")}
    session.execute(statement.on_conflict_do_update(index_elements=["activity_id"], set_=columns))


def _forget(session: Session, runtime: Runtime, link: Link, synced: SyncedActivity, written: Written) -> None:
    runtime.data.delete_run(link.user_id, synced.run_id)
    written.changes["deleted"].append(synced.run_id)
    session.execute(delete(SyncedActivity).where(SyncedActivity.activity_id == synced.activity_id))
