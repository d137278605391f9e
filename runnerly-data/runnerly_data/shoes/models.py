"""A runner's pairs of shoes and the runs each was worn in."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_data.base import Base, UtcDateTime, utcnow


class Shoe(Base):
    __tablename__ = "shoes"
    # One default pair per run type: a new run of that type is worn in it unless assigned.
    __table_args__ = (UniqueConstraint("user_id", "default_for", name="uq_shoes_user_default"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    brand: Mapped[str] = mapped_column(String(100), default="")
    # A run type (sport_type) this pair is worn for unless a run says otherwise.
    default_for: Mapped[str | None] = mapped_column(String(32))
    # Runs before this day do not count toward its default (it was bought then).
    since: Mapped[date | None]
    # Distance worn before it was added here.
    initial_distance_m: Mapped[float] = mapped_column(default=0.0)
    retire_at_m: Mapped[float] = mapped_column(default=800_000.0)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RunShoe(Base):
    """A run worn in a pair other than its type's default (or with no default)."""

    __tablename__ = "run_shoes"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    shoe_id: Mapped[int] = mapped_column(ForeignKey("shoes.id", ondelete="CASCADE"), index=True)
