"""The beat side: incremental syncs after the watermark, and the sweep that loses nothing."""

import time
from datetime import timedelta

from runnerly_strava.base import utcnow
from runnerly_strava.links.models import Link
from runnerly_strava.maintenance import sweep
from runnerly_strava.sync.incremental import incremental_step
from runnerly_strava.sync.models import SyncedActivity
from runnerly_strava.webhooks.models import WebhookEvent

from .conftest import DATA, STRAVA, activity, rate_headers


def test_an_incremental_sync_asks_for_what_is_newer_and_moves_the_watermark(
    make_link, runtime, session, requests_mock, service_token
):
    make_link(backfill_state="done", newest_start=1_772_000_000)
    listing = requests_mock.get(
        f"{STRAVA}/api/v3/athlete/activities",
        headers=rate_headers(),
        json=[activity(9, start="2026-03-01T08:30:00Z")],
    )
    requests_mock.post(
        f"{DATA}/users/7/runs/bulk",
        json={
            "created": 1,
            "updated": 0,
            "unchanged": 0,
            "runs": [{"source": "strava", "source_id": "9", "id": 90, "outcome": "created"}],
        },
    )
    follow_up = incremental_step(session, runtime, 7)
    assert listing.last_request.qs["after"] == ["1772000000"]
    assert session.get(Link, 7, populate_existing=True).newest_start == 1_772_353_800
    assert follow_up.details == [9]


def test_the_sweep_resumes_parked_and_stalled_work(make_link, runtime, session):
    make_link(
        user_id=1,
        athlete_id=1,
        backfill_state="waiting",
        resume_at=int(time.time()) - 5,
        backfill_before=1_700_000_000,
    )
    make_link(
        user_id=2,
        athlete_id=2,
        backfill_state="running",
        backfill_before=1_600_000_000,
        backfill_touched_at=utcnow() - timedelta(hours=1),
    )
    make_link(user_id=3, athlete_id=3, backfill_state="waiting", resume_at=int(time.time()) + 3600)
    make_link(user_id=4, athlete_id=4, backfill_state="running")
    old = utcnow() - timedelta(hours=1)
    session.add(
        WebhookEvent(
            object_type="activity",
            object_id=5,
            aspect_type="create",
            event_time=1,
            owner_id=1,
            updates={},
            received_at=old,
        )
    )
    session.add(
        SyncedActivity(
            activity_id=8, user_id=1, run_id=80, summary_hash="h", details="pending", updated_at=old
        )
    )
    session.commit()
    sweep(session, runtime)
    assert sorted(runtime.jobs.sent["backfill"]) == [(1, 1_700_000_000), (2, 1_600_000_000)]
    assert len(runtime.jobs.sent["webhook_event"]) == 1
    assert runtime.jobs.sent["details"] == [8]
    assert session.get(Link, 1, populate_existing=True).backfill_state == "running"
