"""Module-level extensions, bound to the app in ``create_app`` (or to a worker)."""

from runnerly_core.db import Database
from runnerly_dashboard.keys import Keys
from runnerly_dashboard.mail.outbox import Mailer
from runnerly_dashboard.settings import DashboardSettings
from runnerly_dashboard.upstream import Upstream

db = Database()
keys = Keys()
upstream = Upstream()
mailer = Mailer()


def init_extensions(flask_app, settings: DashboardSettings) -> None:
    # On SQLite (make run), a login reads, hashes the password, then writes its session: two
    # at once in deferred transactions could never both write ("database is locked", a 500
    # under the load smoke). IMMEDIATE takes the write lock first, so they queue instead.
    db.init_app(flask_app, settings.database_url, sqlite_begin="BEGIN IMMEDIATE")
    keys.init_app(settings.key())
    upstream.init_app(settings)
    mailer.init_app(settings, db.new_session)
    flask_app.config["RUNNERLY_SETTINGS"] = settings
