"""A training plan: planned runs toward a goal race, each linked to the run that did it."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runnerly_data.base import Base, UtcDateTime, utcnow


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    race_id: Mapped[int | None] = mapped_column(ForeignKey("races.id", ondelete="SET NULL"))
    race_date: Mapped[date]
    race_distance_m: Mapped[float]
    goal_time_s: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    runs: Mapped[list["PlannedRun"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlannedRun.date"
    )


class PlannedRun(Base):
    __tablename__ = "planned_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    type: Mapped[str] = mapped_column(String(32))
    distance_m: Mapped[float | None]
    duration_s: Mapped[int | None]
    pace_min_s_per_km: Mapped[float | None]
    pace_max_s_per_km: Mapped[float | None]
    description: Mapped[str] = mapped_column(Text, default="")
    # The actual run that fulfilled it; a deleted run frees the planned run again.
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    plan: Mapped[Plan] = relationship(back_populates="runs")
