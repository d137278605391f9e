"""The sandbox's application factory."""

from __future__ import annotations

from flask import Flask

from . import guard
from .admin import admin
from .api import api
from .config import SandboxConfig, with_dev_application
from .core import EXTENSION, Sandbox
from .errors import register_error_handlers
from .oauth import oauth


def create_app(config: SandboxConfig | None = None) -> Flask:
    """A Flask app emulating Strava. Run it in one process (state is in memory),
    with as many threads as you like. Nothing starts until a request or an
    explicit `sandbox_of(app).dispatcher.start()`."""
    config, _ = with_dev_application(config or SandboxConfig())
    app = Flask(__name__)
    app.json.sort_keys = False  # keep Strava's field order
    app.extensions[EXTENSION] = Sandbox.build(config)
    register_error_handlers(app)
    app.after_request(guard.log_request)
    app.register_blueprint(oauth)
    app.register_blueprint(api)
    app.register_blueprint(admin)
    return app


def sandbox_of(app: Flask) -> Sandbox:
    return app.extensions[EXTENSION]
