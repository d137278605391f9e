"""Uploaded bytes and the import jobs made of them.

An ``Upload`` holds what one part of the request carried (a file or a ZIP archive) until
every job made of it is finished; its content is then cleared. A ZIP becomes one job per
activity file inside it, each naming its member.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runnerly_import.base import Base, JsonDocument, UtcDateTime, utcnow

STATUSES = ("queued", "parsing", "done", "failed")
OUTCOMES = ("created", "updated", "unchanged", "matched")


class Upload(Base):
    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    # Cleared once every job of the upload is finished: nothing is kept longer than needed.
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ImportJob(Base):
    __tablename__ = "import_jobs"
    __table_args__ = (Index("ix_import_jobs_user_created", "user_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), index=True)
    # The member's path inside a ZIP archive, or None for a file uploaded as it is.
    member: Mapped[str | None] = mapped_column(String(1024))
    filename: Mapped[str] = mapped_column(String(1024))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    error: Mapped[str | None] = mapped_column(String(1000))
    # What the data service did with the run (or "matched": the activity was already there).
    outcome: Mapped[str | None] = mapped_column(String(16))
    run_id: Mapped[int | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[dict | None] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    upload: Mapped[Upload] = relationship(lazy="raise_on_sql")
