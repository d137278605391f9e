"""The token dealer's app factory."""

from pathlib import Path

import connexion

from runnerly_core.app import build_app
from runnerly_core.health import add_readiness_check
from runnerly_tokendealer.clients.secrets import SecretHasher
from runnerly_tokendealer.extensions import HASHER, db, keys
from runnerly_tokendealer.oauth.errors import install_error_handlers
from runnerly_tokendealer.settings import SERVICE, TokenDealerSettings

SPEC = Path(__file__).parent / "openapi" / "tokendealer.yaml"


def create_app(settings: TokenDealerSettings | None = None) -> connexion.FlaskApp:
    settings = settings or TokenDealerSettings()
    # RFC 6749 §3.2: unknown request parameters are ignored, not refused.
    app = build_app(__name__, service=SERVICE, settings=settings, spec=SPEC, strict_validation=False)
    db.init_app(app.app, settings.database_url)
    # Every worker calls this at start; the key store's lock lets only one create the key.
    keys.configure_from(settings).ensure_signing_key()
    app.app.extensions[HASHER] = SecretHasher.from_file(settings.client_secret_key_path)
    install_error_handlers(app)
    add_readiness_check(app.app, "database", db.ping)
    add_readiness_check(app.app, "signing_key", keys.signing_key)
    return app
