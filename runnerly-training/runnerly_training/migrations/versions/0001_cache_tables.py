"""cache tables: snapshots, run splits, processed events

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_processed_events")),
    )
    op.create_index(op.f("ix_processed_events_received_at"), "processed_events", ["received_at"])
    op.create_table(
        "run_splits",
        sa.Column("run_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("splits", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_run_splits")),
    )
    op.create_index(op.f("ix_run_splits_user_id"), "run_splits", ["user_id"])
    op.create_table(
        "training_snapshots",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("computed_generation", sa.Integer(), nullable=True),
        sa.Column("computation_version", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("inputs_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=True),
        sa.Column("fitness", JSON_DOCUMENT, nullable=True),
        sa.Column("load", JSON_DOCUMENT, nullable=True),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_training_snapshots")),
    )


def downgrade() -> None:
    op.drop_table("training_snapshots")
    op.drop_index(op.f("ix_run_splits_user_id"), table_name="run_splits")
    op.drop_table("run_splits")
    op.drop_index(op.f("ix_processed_events_received_at"), table_name="processed_events")
    op.drop_table("processed_events")
