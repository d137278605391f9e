"""``runs.changed`` for runs written through this API one at a time (by hand, or edited).

Batches from Strava are announced by the Strava service's outbox; runs typed in or edited
here are announced here, after the commit, so that the training service refreshes that
runner's fitness and load. Publishing is best effort: with no broker configured, or the
broker away, the change is logged, and the training service's cache, which keeps no
snapshot older than an hour, catches up by itself.
"""

from __future__ import annotations

import logging

from flask import current_app
from kombu.pools import connections

from runnerly_core import events

log = logging.getLogger(__name__)


def announce(user_id: int, run_ids: list[int], kind: str) -> None:
    broker_url = current_app.config["RUNNERLY_SETTINGS"].broker_url
    if not broker_url:
        return
    body = events.runs_changed(user_id, run_ids, kind)
    try:
        with connections[events.connect(broker_url)].acquire(block=True, timeout=2) as connection:
            events.publish(connection, body)
    except Exception as error:  # noqa: BLE001 — the run is stored; the event is best effort
        log.warning("runs.changed for user %s not published: %s", user_id, error)
