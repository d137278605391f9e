"""The declarative base of this service's models; column types come from runnerly-core."""

from sqlalchemy.orm import DeclarativeBase

from runnerly_core.orm import JsonDocument, UtcDateTime, naming_metadata, utcnow

__all__ = ["Base", "JsonDocument", "UtcDateTime", "utcnow"]


class Base(DeclarativeBase):
    metadata = naming_metadata()
