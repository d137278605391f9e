"""Strava's push subscription endpoints under /api/v3/push_subscriptions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from .clients import authenticate_client, host_allowed
from .core import current_sandbox
from .errors import bad_request, not_found
from .webhooks import callback_answers


def _values() -> dict[str, str]:
    """Strava takes these as form fields or query parameters; accept JSON too."""
    values = dict(request.values.items())
    if request.is_json and isinstance(request.get_json(silent=True), dict):
        values.update({k: str(v) for k, v in request.get_json().items()})
    return values


def create_subscription() -> Any:
    values = _values()
    application = authenticate_client(values)
    callback_url, verify_token = values.get("callback_url", ""), values.get("verify_token", "")
    if not callback_url or not host_allowed(application, callback_url):
        raise bad_request("PushSubscription", "callback url")
    if not verify_token:
        raise bad_request("PushSubscription", "verify token")
    sandbox = current_sandbox()
    if sandbox.subscriptions.of_client(application.client_id):
        raise bad_request("PushSubscription", "", "already exists")
    if not callback_answers(callback_url, verify_token, sandbox.config.webhook_timeout):
        raise bad_request("PushSubscription", "callback url", "GET to callback URL does not return 200")
    subscription = sandbox.subscriptions.create(
        application.client_id, callback_url, verify_token, sandbox.clock()
    )
    return jsonify({"id": subscription.id}), 201


def list_subscriptions() -> Any:
    application = authenticate_client(_values())
    subscription = current_sandbox().subscriptions.of_client(application.client_id)
    return jsonify([subscription.to_json()] if subscription else [])


def delete_subscription(subscription_id: int) -> Response:
    application = authenticate_client(_values())
    if not current_sandbox().subscriptions.delete(application.client_id, subscription_id):
        raise not_found("PushSubscription")
    return Response(status=204)


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/push_subscriptions", view_func=create_subscription, methods=["POST"])
    blueprint.add_url_rule("/push_subscriptions", view_func=list_subscriptions, methods=["GET"])
    blueprint.add_url_rule(
        "/push_subscriptions/<int:subscription_id>", view_func=delete_subscription, methods=["DELETE"]
    )
