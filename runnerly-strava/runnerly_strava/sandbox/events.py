"""Which webhook events an application receives for a change, given its scopes.

Strava tells an app without activity:read_all about a run turning private as
a delete, and about a private run turning public as a create: it may only show
what it is allowed to see. Apps without any activity scope hear nothing.
"""

from __future__ import annotations

from typing import Any

from .store import ActivityChange


def activity_events(change: ActivityChange, scopes: frozenset[str]) -> list[tuple[str, dict[str, str]]]:
    """(aspect_type, updates) pairs for one application."""
    if "activity:read_all" in scopes:
        return [(change.aspect_type, change.updates)]
    if "activity:read" not in scopes:
        return []
    if change.aspect_type == "create":
        return [] if change.is_private else [("create", {})]
    if change.aspect_type == "delete":
        return [] if change.was_private else [("delete", {})]
    return _public_update(change)


def _public_update(change: ActivityChange) -> list[tuple[str, dict[str, str]]]:
    if change.was_private and change.is_private:
        return []
    if change.is_private:
        return [("delete", {})]
    if change.was_private:
        return [("create", {})]
    return [("update", change.updates)]


def event(
    object_type: str,
    object_id: int,
    aspect_type: str,
    updates: dict[str, str],
    owner_id: int,
    subscription_id: int,
    event_time: float,
) -> dict[str, Any]:
    return {
        "object_type": object_type,
        "object_id": object_id,
        "aspect_type": aspect_type,
        "updates": updates,
        "owner_id": owner_id,
        "subscription_id": subscription_id,
        "event_time": int(event_time),
    }
