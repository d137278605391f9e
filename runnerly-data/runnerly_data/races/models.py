"""The public race calendar that every signed-in runner reads and adds to."""

from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_data.base import Base, UtcDateTime, utcnow


class Race(Base):
    __tablename__ = "races"
    __table_args__ = (UniqueConstraint("name", "date", "distance_m", name="uq_races_identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    date: Mapped[date]
    distance_m: Mapped[float]
    location: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(100))  # the token subject that added it
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
