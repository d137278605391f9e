"""The Connexion 3 app factory every service's ``create_app`` builds on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import connexion
import flask
from connexion.jsonifier import Jsonifier
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.problem import problem
from connexion.spec import Specification
from flask import request
from starlette.formparsers import MultiPartException

from runnerly_core import logs, operations, tracing
from runnerly_core.allow import AllowHeaderMiddleware
from runnerly_core.auth import VERIFIER_KEY, TokenVerifier, VerifierMiddleware
from runnerly_core.bridge import install_bridge
from runnerly_core.forwarded import ForwardedPrefixMiddleware
from runnerly_core.limits import BodyLimitMiddleware
from runnerly_core.logs import RequestIdMiddleware
from runnerly_core.metrics import MetricsMiddleware
from runnerly_core.paths import ControlCharacterPathMiddleware
from runnerly_core.settings import ServiceSettings
from runnerly_core.spec import load_spec
from runnerly_core.validation import VALIDATORS

log = logging.getLogger(__name__)


# Connexion pretty-prints responses (indent=2), which makes a list of 50 runs a fifth larger
# and keeps json from its C encoder. Keys stay sorted (Flask's JSON provider).
COMPACT_JSON = Jsonifier(flask.json, separators=(",", ":"))


def build_app(
    import_name: str,
    *,
    service: str,
    settings: ServiceSettings,
    spec: Path,
    spec_arguments: dict | None = None,
    strict_validation: bool = True,
) -> connexion.FlaskApp:
    """A Connexion app serving ``spec``, with problem+json errors, request ids, metrics,
    health endpoints (declared in the spec) and local JWT verification for ``service``."""
    logs.configure_logging(service, settings.log_level, settings.log_json)
    arguments = {"token_url": f"{settings.token_issuer}/oauth/token", **(spec_arguments or {})}
    specification = load_spec(spec, arguments)
    app = connexion.FlaskApp(import_name, specification_dir=str(spec.parent), jsonifier=COMPACT_JSON)
    with spec_validation(settings.validate_spec):
        app.add_api(
            specification,
            strict_validation=strict_validation,
            validate_responses=settings.validate_responses,
            pythonic_params=True,
            validator_map=VALIDATORS,
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/ui"),
        )
    app.add_middleware(MetricsMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, service=service)
    app.add_middleware(RequestIdMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(AllowHeaderMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, spec=specification)
    app.add_middleware(ControlCharacterPathMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(ForwardedPrefixMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(BodyLimitMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, spec=specification)
    app.add_middleware(VerifierMiddleware, MiddlewarePosition.BEFORE_SECURITY, flask_app=app.app)
    app.app.extensions[VERIFIER_KEY] = TokenVerifier.from_settings(settings, audience=service)
    app.add_error_handler(UnicodeDecodeError, _undecodable_body)
    app.add_error_handler(MultiPartException, _unreadable_form)
    tracing.instrument_app(app, service)
    _bind_request_id_in_worker_threads(app.app)
    install_bridge(app, settings.wsgi_threads)
    operations.install(app)  # Connexion rebuilds its decorators per request otherwise
    app.app.config["RUNNERLY_SETTINGS"] = settings
    return app


@contextmanager
def spec_validation(wanted: bool) -> Iterator[None]:
    """Connexion validates a spec against the OpenAPI schema whenever it loads one, with no
    option to skip it; a served process skips it (``validate_spec``, which ``serve`` turns
    off: the tests build every service's app with it on). It relies on Connexion 3.3's
    private ``Specification._validate_spec``: Connexion is pinned in constraints.txt and
    ``tests/test_spec_validation.py`` fails if it moves. Apps are built one at a time (one
    per process, or under ``together``'s set-up lock), so the swap meets no other build."""
    if wanted:
        yield
        return
    validate = Specification.__dict__["_validate_spec"]
    Specification._validate_spec = classmethod(lambda _cls, _spec: None)
    try:
        yield
    finally:
        Specification._validate_spec = validate


def _undecodable_body(_request, _error):
    """Connexion lets a body that is not UTF-8 escape as a 500; it is the client's error."""
    return problem(400, "Bad Request", "The request body is not valid UTF-8 JSON.")


def _unreadable_form(_request, error):
    """Starlette's form parser raises on a malformed multipart body (a header line with a
    bare CR, a missing boundary), which Connexion would answer 500; it is the client's error."""
    return problem(400, "Bad Request", f"The multipart body cannot be read: {error}")


def _bind_request_id_in_worker_threads(flask_app) -> None:
    """Flask runs in a thread pool where the event loop's context variables don't reach."""

    @flask_app.before_request
    def _bind() -> None:
        request.environ["runnerly.request_id_token"] = logs.bind_request_id(
            request.headers.get("X-Request-ID")
        )

    @flask_app.teardown_request
    def _unbind(_exc) -> None:
        token = request.environ.pop("runnerly.request_id_token", None)
        if token is not None:
            logs.reset_request_id(token)
