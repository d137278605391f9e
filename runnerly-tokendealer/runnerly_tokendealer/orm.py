"""The declarative base of the token dealer's tables."""

from sqlalchemy.orm import DeclarativeBase

from runnerly_core.orm import naming_metadata


class Base(DeclarativeBase):
    metadata = naming_metadata()
