"""Deleting a runner announces ``users.deleted`` (real RabbitMQ), so that every service
forgets them: the Strava link, the training caches, the dashboard's account."""

import pytest

from runnerly_core import events
from runnerly_core.testing import TEST_BROKER_URL, events_received
from runnerly_data.events import OUTBOX, make_outbox

from .conftest import LIVE_URL

pytestmark = pytest.mark.skipif(bool(LIVE_URL), reason="configures the app in-process")


@pytest.fixture
def deletions_announced(connexion_app, monkeypatch):
    with events_received(events.USERS_DELETED, prefix="test-data-deletions") as drain:
        settings = connexion_app.app.config["RUNNERLY_SETTINGS"].model_copy(
            update={"broker_url": TEST_BROKER_URL}
        )
        monkeypatch.setitem(connexion_app.app.extensions, OUTBOX, make_outbox(settings))
        yield drain


def test_deleting_a_runner_announces_users_deleted(app, runner, as_runner, deletions_announced):
    app.delete(f"/users/{runner}", headers=as_runner, status=204)

    announced = [event for event in deletions_announced() if event["user_id"] == runner]

    assert [event["type"] for event in announced] == ["users.deleted"]


def test_a_refused_deletion_announces_nothing(app, runner, tokens, deletions_announced):
    other = tokens.user(runner + 1000, "users:write")
    app.delete(f"/users/{runner}", headers=other, status=403)

    assert [event for event in deletions_announced() if event["user_id"] == runner] == []
