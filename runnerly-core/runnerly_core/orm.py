"""Column types and conventions every service's models share (each service keeps its own
declarative base and metadata: services share no database)."""

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, MetaData, TypeDecorator
from sqlalchemy.orm import Session

# Deterministic constraint names, so migrations can drop what they created.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _JsonDocument(TypeDecorator):
    """JSON, stored as JSONB on PostgreSQL. The PostgreSQL dialect is imported only when a
    PostgreSQL engine asks for the type: importing it costs a service about a tenth of
    its start (benchmarks/README.md), for nothing on SQLite (make run)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


JsonDocument = _JsonDocument()


def naming_metadata() -> MetaData:
    """A service's metadata, with the suite's constraint names."""
    return MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def insert_for(session: Session):
    """The dialect's ``insert``, which has ``on_conflict_do_*``: replicas write the same rows
    concurrently, and an atomic upsert beats read-then-write."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
