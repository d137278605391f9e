"""Module-level extensions, bound to the app in ``create_app``."""

from runnerly_core.db import Database

db = Database()
