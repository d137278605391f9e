"""The workers' engine.

PostgreSQL gets core's engine. For SQLite (``make run``, tests) every transaction starts
with ``BEGIN IMMEDIATE``: several worker threads and processes read, call an API, then
write, and in WAL mode a deferred transaction that read before another connection
committed can never write ("database is locked"). Taking the write lock up front turns
that failure into a short wait. The recipe is otherwise core's (SQLAlchemy's own).
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from runnerly_core import db

BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return db.make_engine(url)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def worker_sessions(url: str) -> sessionmaker[Session]:
    return sessionmaker(make_engine(url), expire_on_commit=False)
