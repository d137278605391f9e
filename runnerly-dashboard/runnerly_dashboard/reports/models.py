"""One row per runner and month: claimed before the report is sent, so a second run of
the task (or a retry after a worker died) never mails the same month twice."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from runnerly_dashboard.base import Base, UtcDateTime, utcnow


class ReportDelivery(Base):
    __tablename__ = "report_deliveries"
    __table_args__ = (UniqueConstraint("account_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    mail_id: Mapped[int | None]
