"""SQLAlchemy wiring: one engine per process, one session per request.

``db.session`` is the current request's session, created on first use and closed when the
Flask app context ends. Tests rebind the session factory to a connection that holds an
outer transaction (:meth:`Database.bind`), so every test is rolled back.
"""

from __future__ import annotations

from pathlib import Path

from flask import g
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, *, sqlite_begin: str = "BEGIN", **kwargs) -> Engine:
    """An engine; for SQLite, transactional and waiting on locks.

    ``sqlite_begin="BEGIN IMMEDIATE"`` takes SQLite's write lock when a transaction starts:
    for processes that read, call out, then write (workers), where a deferred transaction
    that read before another connection committed could never write.
    """
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _make_sqlite_transactional(engine, sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _make_sqlite_transactional(engine: Engine, begin: str) -> None:
    """pysqlite defers BEGIN and breaks SAVEPOINTs; let SQLAlchemy drive transactions.

    This is the recipe of SQLAlchemy's SQLite dialect documentation; foreign keys are off
    in SQLite unless asked for.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql(begin)


class Database:
    """Flask extension: ``db.init_app(app, url)``, then ``db.session`` in handlers."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self._factory: sessionmaker[Session] | None = None
        self._default_factory: sessionmaker[Session] | None = None

    def init_app(self, flask_app, url: str, *, sqlite_begin: str = "BEGIN") -> None:
        self.engine = make_engine(url, sqlite_begin=sqlite_begin)
        self._factory = self._default_factory = sessionmaker(self.engine, expire_on_commit=False)
        flask_app.teardown_appcontext(self._close_session)

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = self._factory()
        return g.db_session

    def new_session(self) -> Session:
        """A session outside a request (CLI, seeding)."""
        return self._factory()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def bind(self, connection: Connection) -> None:
        """Route every session through ``connection``; commits become savepoints."""
        self._factory = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    def unbind(self) -> None:
        self._factory = self._default_factory

    @staticmethod
    def _close_session(_exc) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def upgrade(url: str, migrations: Path, revision: str = "head") -> None:
    """Run Alembic migrations (no alembic.ini: the service passes its script folder)."""
    # Imported here: a serving worker never migrates, and Alembic adds a tenth to its start.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)


def run_migrations_online(context, target_metadata) -> None:
    """The body of every service's ``migrations/env.py``."""
    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=url.startswith("sqlite")
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
