"""A runner deleted elsewhere (``users.deleted``) is forgotten here: access revoked at
Strava, their Strava runs and sync records deleted, the link gone; and links whose runner
the data service no longer has are found and repaired."""

from sqlalchemy import func, select

from runnerly_strava.links.forgetting import forget, forget_orphans
from runnerly_strava.links.models import Link
from runnerly_strava.sync.models import SyncedActivity

from .conftest import DATA, STRAVA


def test_a_deleted_runner_is_deauthorized_and_forgotten_with_every_sync_record(
    runtime, make_link, session, requests_mock, service_token
):
    make_link()
    session.add(SyncedActivity(activity_id=1, user_id=7, run_id=11, summary_hash="h", details="done"))
    session.commit()
    deauthorize = requests_mock.post(f"{STRAVA}/oauth/deauthorize", json={})
    requests_mock.delete(
        f"{DATA}/users/7/runs?source=strava", status_code=404, json={}
    )  # gone with the runner

    assert forget(runtime, 7) == "unlinked"

    assert deauthorize.last_request.headers["Authorization"] == "Bearer access-1"
    assert session.get(Link, 7, populate_existing=True) is None
    assert (
        session.scalar(select(func.count()).select_from(SyncedActivity).where(SyncedActivity.user_id == 7))
        == 0
    )


def test_forgetting_a_runner_twice_changes_nothing_the_second_time(runtime, requests_mock):
    assert forget(runtime, 7) == "no link"
    assert not requests_mock.called


def test_links_of_runners_gone_from_the_data_service_are_forgotten(
    runtime, make_link, session, requests_mock, service_token
):
    make_link(user_id=7, athlete_id=42)
    make_link(user_id=8, athlete_id=43)
    requests_mock.get(f"{DATA}/users/7", status_code=404, json={})
    requests_mock.get(f"{DATA}/users/8", json={"id": 8})
    requests_mock.post(f"{STRAVA}/oauth/deauthorize", json={})
    requests_mock.delete(f"{DATA}/users/7/runs?source=strava", status_code=404, json={})

    assert forget_orphans(runtime) == [7]

    assert session.get(Link, 7, populate_existing=True) is None
    assert session.get(Link, 8, populate_existing=True) is not None
