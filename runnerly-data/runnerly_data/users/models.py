"""A runner's profile; the rest of the suite keys everything by ``User.id``."""

from datetime import date, datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_data.base import Base, UtcDateTime, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-cased
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[date | None]
    sex: Mapped[str | None] = mapped_column(String(1))  # "F", "M" or "X"
    weight_kg: Mapped[float | None]
    max_heartrate: Mapped[int | None]
    resting_heartrate: Mapped[int | None]
    units: Mapped[str] = mapped_column(String(8), default="metric")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
