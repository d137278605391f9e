"""Forgetting runners deleted elsewhere: the ``users.deleted`` consumer, and the repair of
links whose runner no longer exists in the data service (local state whose services
disagree, for example after a runner was deleted while this service was not listening).

Forgetting is unlinking with deauthorization at Strava: access is revoked, the runner's
Strava runs and sync records are deleted, and the link is forgotten. It is idempotent.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from runnerly_core import deletions
from runnerly_core.http import ClientCredentials, ServiceClient
from runnerly_strava.links.models import Link
from runnerly_strava.links.unlinking import unlink
from runnerly_strava.runtime import Runtime

log = logging.getLogger(__name__)
QUEUE_NAME = "runnerly-strava.users-deleted"


def forget(runtime: Runtime, user_id: int) -> str:
    with runtime.sessions() as session:
        if session.get(Link, user_id) is None:
            return "no link"
        unlink(session, runtime, user_id, deauthorize=True)
    runtime.events.publish_pending()
    return "unlinked"


def consume(runtime: Runtime, queue_name: str = QUEUE_NAME) -> None:
    deletions.consume(
        runtime.broker,
        queue_name,
        lambda user_id: forget(runtime, user_id),
        exchange_name=runtime.settings.events_exchange,
        heartbeat_file=runtime.settings.heartbeat_file,
    )


def orphans(runtime: Runtime) -> list[int]:
    """The linked runners the data service does not know (404)."""
    settings = runtime.settings
    credentials = ClientCredentials.of(settings)
    data = ServiceClient(settings.data_url, "runnerly-data", "users:read", credentials)
    with runtime.sessions() as session:
        user_ids = list(session.scalars(select(Link.user_id).order_by(Link.user_id)))
    return [user_id for user_id in user_ids if data.get(f"/users/{user_id}").status_code == 404]


def forget_orphans(runtime: Runtime) -> list[int]:
    found = orphans(runtime)
    for user_id in found:
        log.warning(
            "runner %s is linked to Strava but gone from the data service: forgetting the link", user_id
        )
        forget(runtime, user_id)
    return found
