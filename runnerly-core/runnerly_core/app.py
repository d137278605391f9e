"""The Connexion 3 app factory every service's ``create_app`` builds on."""

from __future__ import annotations

import logging
from pathlib import Path

import connexion
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from flask import request

from runnerly_core import auth, logs
from runnerly_core.http import fetch_json
from runnerly_core.logs import RequestIdMiddleware
from runnerly_core.metrics import MetricsMiddleware
from runnerly_core.settings import ServiceSettings

log = logging.getLogger(__name__)


def build_app(import_name: str, *, service: str, settings: ServiceSettings, spec: Path,
              spec_arguments: dict | None = None) -> connexion.FlaskApp:
    """A Connexion app serving ``spec``, with problem+json errors, request ids, metrics,
    health endpoints (declared in the spec) and local JWT verification for ``service``."""
    logs.configure_logging(service, settings.log_level, settings.log_json)
    app = connexion.FlaskApp(import_name, specification_dir=str(spec.parent))
    app.add_api(
        spec.name,
        arguments={"token_url": f"{settings.token_issuer}/oauth/token", **(spec_arguments or {})},
        strict_validation=True,
        validate_responses=settings.validate_responses,
        pythonic_params=True,
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui"),
    )
    app.add_middleware(MetricsMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, service=service)
    app.add_middleware(RequestIdMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    auth.verifier.configure(
        issuer=settings.token_issuer,
        audience=service,
        fetch_jwks=lambda: fetch_json(settings.jwks_url),
        leeway=settings.jwt_leeway_seconds,
        min_refresh=settings.jwks_min_refresh_seconds,
    )
    _bind_request_id_in_worker_threads(app.app)
    app.app.config["RUNNERLY_SETTINGS"] = settings
    return app


def _bind_request_id_in_worker_threads(flask_app) -> None:
    """Flask runs in a thread pool where the event loop's context variables don't reach."""

    @flask_app.before_request
    def _bind() -> None:
        request.environ["runnerly.request_id_token"] = logs.bind_request_id(
            request.headers.get("X-Request-ID"))

    @flask_app.teardown_request
    def _unbind(_exc) -> None:
        token = request.environ.pop("runnerly.request_id_token", None)
        if token is not None:
            logs.reset_request_id(token)
