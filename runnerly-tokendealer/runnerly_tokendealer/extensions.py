"""Module-level extensions, bound to the app in ``create_app``."""

from flask import current_app

from runnerly_core.db import Database
from runnerly_tokendealer.clients.secrets import SecretHasher
from runnerly_tokendealer.keys.store import KeyStore
from runnerly_tokendealer.settings import TokenDealerSettings

db = Database()
keys = KeyStore()


HASHER = "runnerly_tokendealer.secret_hasher"


def current_settings() -> TokenDealerSettings:
    return current_app.config["RUNNERLY_SETTINGS"]


def current_hasher() -> SecretHasher:
    return current_app.extensions[HASHER]
