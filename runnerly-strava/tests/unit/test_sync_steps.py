"""Sync steps against a mocked Strava and data service: tokens, pages, cursor, deferrals."""

import re
import time

import pytest
from requests_mock import ANY

from runnerly_strava.extensions import db
from runnerly_strava.links.models import Link
from runnerly_strava.sync.backfill import backfill_step
from runnerly_strava.sync.budget import BudgetExhausted
from runnerly_strava.sync.details import details_step
from runnerly_strava.sync.models import OutboxEvent, SyncedActivity
from runnerly_strava.sync.writer import LinkEnded

from .conftest import DATA, STRAVA, activity, rate_headers

ACTIVITIES = f"{STRAVA}/api/v3/athlete/activities"


def bulk_answer(request, _context) -> dict:
    runs = request.json()["runs"]
    return {
        "created": len(runs),
        "updated": 0,
        "unchanged": 0,
        "runs": [
            {
                "source": "strava",
                "source_id": r["source_id"],
                "id": int(r["source_id"]) % 1000,
                "outcome": "created",
            }
            for r in runs
        ],
    }


@pytest.fixture
def data(requests_mock, service_token):
    return requests_mock.post(f"{DATA}/users/7/runs/bulk", json=bulk_answer)


def test_an_expiring_token_is_refreshed_and_the_new_refresh_token_saved_before_use(
    make_link, runtime, session, requests_mock, data
):
    make_link(expires_in=60)
    requests_mock.post(
        f"{STRAVA}/oauth/token",
        json={"access_token": "access-2", "refresh_token": "refresh-2", "expires_at": 4102444800},
    )
    saved_before_use = []

    def page(request, _context):
        with db.new_session() as other:
            saved_before_use.append(runtime.cipher.open(other.get(Link, 7).refresh_token))
        return []

    requests_mock.get(ACTIVITIES, json=page, headers=rate_headers())
    backfill_step(session, runtime, 7, None)
    listing = [r for r in requests_mock.request_history if r.method == "GET"]
    assert [r.headers["Authorization"] for r in listing] == ["Bearer access-2"]
    assert saved_before_use == ["refresh-2"]


def test_a_rejected_token_is_refreshed_once_and_the_call_made_again(
    make_link, runtime, session, requests_mock, data
):
    make_link()
    requests_mock.post(
        f"{STRAVA}/oauth/token",
        json={"access_token": "access-2", "refresh_token": "refresh-2", "expires_at": 4102444800},
    )
    requests_mock.get(
        ACTIVITIES,
        [
            {"status_code": 401, "json": {"message": "Authorization Error"}},
            {"json": [], "headers": rate_headers()},
        ],
    )
    backfill_step(session, runtime, 7, None)
    assert [r.headers.get("Authorization") for r in requests_mock.request_history if r.method == "GET"] == [
        "Bearer access-1",
        "Bearer access-2",
    ]


def test_a_page_writes_only_runs_moves_the_cursor_and_asks_for_the_next(
    make_link, runtime, session, requests_mock, data
):
    make_link()
    page = [activity(1000 + i, start=f"2026-03-{28 - i // 10:02d}T08:{i % 10:02d}:00Z") for i in range(200)]
    page[3] = activity(1003, sport_type="Ride", type="Ride")
    requests_mock.get(ACTIVITIES, json=page, headers=rate_headers())
    follow_up = backfill_step(session, runtime, 7, None)
    link = session.get(Link, 7, populate_existing=True)
    assert len(data.last_request.json()["runs"]) == 199
    assert (link.backfill_state, link.backfill_pages, link.backfill_runs) == ("running", 1, 199)
    assert follow_up.continue_backfill
    assert follow_up.backfill_before == link.backfill_before
    assert link.backfill_before == min(
        int(time.mktime(time.strptime(a["start_date"], "%Y-%m-%dT%H:%M:%SZ"))) - time.timezone for a in page
    )
    assert len(follow_up.details) == 199
    assert session.query(OutboxEvent).one().body["kind"] == "created"


def test_an_unchanged_page_writes_nothing(make_link, runtime, session, requests_mock, data):
    make_link()
    requests_mock.get(ACTIVITIES, json=[activity(1), activity(2)], headers=rate_headers())
    backfill_step(session, runtime, 7, None)
    session.execute(Link.__table__.update().values(backfill_state="running", backfill_before=None))
    session.commit()
    backfill_step(session, runtime, 7, None)
    assert data.call_count == 1


@pytest.mark.parametrize(
    "change",
    [{"status": "unlinking"}, {"athlete_id": 99}],
    ids=["unlinked", "relinked-to-another-athlete"],
)
def test_runs_written_while_the_link_ends_are_deleted_again(
    make_link, runtime, session, requests_mock, service_token, change
):
    """The step checked the link, then the runner unlinked (and the unlink deleted their
    Strava runs) while the step waited on Strava: its own writes must not survive."""
    make_link()
    requests_mock.get(ACTIVITIES, json=[activity(2001), activity(2002)], headers=rate_headers())

    def end_link_then_answer(request, context):
        with db.new_session() as other:
            other.execute(Link.__table__.update().where(Link.user_id == 7).values(**change))
            other.commit()
        return bulk_answer(request, context)

    requests_mock.post(f"{DATA}/users/7/runs/bulk", json=end_link_then_answer)
    deletes = requests_mock.delete(re.compile(rf"{DATA}/users/7/runs/\d+$"), status_code=204)
    with pytest.raises(LinkEnded):
        backfill_step(session, runtime, 7, None)
    session.rollback()
    assert sorted(request.path for request in deletes.request_history) == [
        "/users/7/runs/1",
        "/users/7/runs/2",
    ]
    assert session.query(SyncedActivity).count() == 0


def test_a_duplicate_step_finds_the_cursor_moved_and_does_nothing(make_link, runtime, session, requests_mock):
    make_link(backfill_state="running", backfill_before=1_700_000_000)
    strava = requests_mock.get(ANY)
    assert not backfill_step(session, runtime, 7, 1_800_000_000).continue_backfill
    assert not strava.called


def test_a_redelivered_step_sends_the_page_its_dead_worker_may_not_have_sent(
    make_link, runtime, session, requests_mock
):
    """The worker committed the page and died before it sent the next one: RabbitMQ gives
    the message back, and the chain goes on from the cursor instead of stalling."""
    make_link(backfill_state="running", backfill_before=1_700_000_000)
    strava = requests_mock.get(ANY)
    follow_up = backfill_step(session, runtime, 7, 1_800_000_000, redelivered=True)
    assert (follow_up.continue_backfill, follow_up.backfill_before) == (True, 1_700_000_000)
    assert not strava.called


@pytest.mark.parametrize("state", ["done", "waiting"])
def test_a_redelivered_step_of_a_finished_or_parked_backfill_sends_nothing(
    make_link, runtime, session, requests_mock, state
):
    make_link(backfill_state=state, backfill_before=1_700_000_000)
    assert not backfill_step(session, runtime, 7, 1_800_000_000, redelivered=True).continue_backfill


def test_a_spent_window_defers_without_calling_strava(make_link, runtime, session, requests_mock):
    make_link()
    runtime.budget.record({name: window for name, window in _spent().items()})
    strava = requests_mock.get(ACTIVITIES)
    with pytest.raises(BudgetExhausted):
        backfill_step(session, runtime, 7, None)
    assert not strava.called


def test_details_upsert_the_whole_run_and_are_not_fetched_twice(
    make_link, runtime, session, requests_mock, data
):
    make_link()
    session.add(SyncedActivity(activity_id=5, user_id=7, run_id=5, summary_hash="h", details="pending"))
    session.commit()
    detailed = activity(5, splits_metric=[{"split": 1, "distance": 1000.0, "moving_time": 290}])
    strava = requests_mock.get(f"{STRAVA}/api/v3/activities/5", json=detailed, headers=rate_headers())
    details_step(session, runtime, 5)
    details_step(session, runtime, 5)
    assert strava.call_count == 1
    assert data.last_request.json()["runs"][0]["splits"] == [
        {"split": 1, "distance_m": 1000.0, "moving_time_s": 290}
    ]
    assert session.get(SyncedActivity, 5, populate_existing=True).details == "done"


def test_a_changed_summary_of_a_detailed_run_is_fetched_whole_not_written_bare(
    make_link, runtime, session, requests_mock, data
):
    """Renamed on Strava and seen by a summary page: writing the summary would drop the
    run's laps and splits until the next detail fetch; the detail fetch writes it whole."""
    make_link()
    session.add(SyncedActivity(activity_id=3001, user_id=7, run_id=1, summary_hash="before", details="done"))
    session.commit()
    renamed = activity(3001, name="Renamed on Strava")
    requests_mock.get(ACTIVITIES, json=[renamed], headers=rate_headers())
    follow_up = backfill_step(session, runtime, 7, None)
    assert not data.called
    assert follow_up.details == [3001]
    assert session.get(SyncedActivity, 3001, populate_existing=True).details == "pending"

    detailed = {**renamed, "splits_metric": [{"split": 1, "distance": 1000.0, "moving_time": 290}]}
    requests_mock.get(f"{STRAVA}/api/v3/activities/3001", json=detailed, headers=rate_headers())
    details_step(session, runtime, 3001)
    written = data.last_request.json()["runs"][0]
    assert (written["name"], len(written["splits"])) == ("Renamed on Strava", 1)
    assert session.get(SyncedActivity, 3001, populate_existing=True).details == "done"


def _spent() -> dict:
    from runnerly_strava.strava.ratelimits import WindowUsage

    return {
        "read_15min": WindowUsage(100, 100),
        "read_daily": WindowUsage(100, 1000),
        "overall_15min": WindowUsage(100, 200),
        "overall_daily": WindowUsage(100, 2000),
    }


def test_an_activity_whose_file_came_first_keeps_the_files_run_and_is_written_once(
    make_link, runtime, session, requests_mock, service_token
):
    """The data service answers an adopted file run as ``updated`` with the file run's id:
    the sync remembers that id, announces an update (no new run), and the next page
    showing the same activity writes nothing again."""
    make_link()
    file_run_id = 55

    def adopted(request, _context) -> dict:
        runs = request.json()["runs"]
        assert {run["adopt"] for run in runs} == {"upload"}
        return {
            "created": 0,
            "updated": 1,
            "unchanged": 0,
            "runs": [{"source": "strava", "source_id": "3001", "id": file_run_id, "outcome": "updated"}],
        }

    bulk = requests_mock.post(f"{DATA}/users/7/runs/bulk", json=adopted)
    requests_mock.get(ACTIVITIES, json=[activity(3001)], headers=rate_headers())
    backfill_step(session, runtime, 7, None)
    assert session.get(SyncedActivity, 3001, populate_existing=True).run_id == file_run_id
    assert session.query(OutboxEvent).one().body["kind"] == "updated"

    session.execute(Link.__table__.update().values(backfill_state="running", backfill_before=None))
    session.commit()
    backfill_step(session, runtime, 7, None)
    assert bulk.call_count == 1
