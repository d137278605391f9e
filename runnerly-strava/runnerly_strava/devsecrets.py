"""Development defaults that the ``runnerly-strava`` command sets before anything starts.

On a developer's machine (``RUNNERLY_STRAVA_ENVIRONMENT=development``, the default) a
missing secret is generated once into ``RUNNERLY_STRAVA_DEV_SECRETS_FILE`` (mode 0600,
never committed) and reused by every process; an empty broker URL becomes the local
RabbitMQ when one answers, else a SQLite file. These are decisions of the command line
(``make run`` starts the API, a worker and beat at once), never of ``create_app``.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import MutableMapping
from pathlib import Path

from cryptography.fernet import Fernet

from runnerly_core.brokers import choose_broker
from runnerly_strava.secrets import SECRET_NAMES
from runnerly_strava.settings import StravaSettings

PREFIX = "RUNNERLY_STRAVA_"


def prepare_development(environ: MutableMapping[str, str] = os.environ) -> None:
    """Fill in the development defaults that ``environ`` lacks (nothing outside development)."""
    settings = StravaSettings()
    if settings.environment != "development":
        return
    missing = [name for name in SECRET_NAMES if not getattr(settings, name).get_secret_value()]
    if missing:
        generated = development_secrets(settings.dev_secrets_file)
        environ.update({f"{PREFIX}{name.upper()}": generated[name] for name in missing})
    if not settings.broker_url:
        environ[f"{PREFIX}BROKER_URL"] = choose_broker("", Path(".run/strava-broker.sqlite"))


def development_secrets(path: Path) -> dict[str, str]:
    """The secrets kept in ``path``, completed with any it lacks (files from older versions)."""
    stored = json.loads(path.read_text()) if path.exists() else {}
    if all(name in stored for name in SECRET_NAMES):
        return stored
    _write_private(path, {**_new_secrets(), **stored})
    return json.loads(path.read_text())


def _new_secrets() -> dict[str, str]:
    return {
        "token_keys": Fernet.generate_key().decode(),
        "state_secret": secrets.token_urlsafe(32),
        "webhook_verify_token": secrets.token_urlsafe(32),
        "webhook_path_secret": secrets.token_urlsafe(32),
    }


def _write_private(path: Path, values: dict[str, str]) -> None:
    """Written whole to a private temporary file first, so that no process reads half a
    file. A new file is linked into place only if none appeared meanwhile: processes
    starting together all keep the first one's secrets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(values, file)
    if path.exists():
        os.replace(temporary, path)  # completing a file of an older version
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process was first: its secrets it is
    finally:
        temporary.unlink()
