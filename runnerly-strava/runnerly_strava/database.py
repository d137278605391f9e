"""The workers' engine: core's, with SQLite's write lock taken when a transaction starts.

Worker threads and processes read, call Strava, then write; in WAL mode a deferred
transaction that read before another connection committed can never write ("database is
locked"). ``BEGIN IMMEDIATE`` turns that failure into a short wait. PostgreSQL is unchanged.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from runnerly_core.db import make_engine


def worker_sessions(url: str) -> sessionmaker[Session]:
    return sessionmaker(make_engine(url, sqlite_begin="BEGIN IMMEDIATE"), expire_on_commit=False)
