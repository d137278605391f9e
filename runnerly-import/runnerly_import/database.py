"""The workers' engine: core's, with SQLite's write lock taken when a transaction starts
(a worker reads, calls the data service, then writes; see runnerly-strava's database.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from runnerly_core.db import make_engine


def worker_sessions(url: str) -> sessionmaker[Session]:
    return sessionmaker(make_engine(url, sqlite_begin="BEGIN IMMEDIATE"), expire_on_commit=False)
