"""keep each run's heart-rate stream with its cached splits (zones and TRIMP per sample)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("run_splits", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "heart_rate",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("run_splits", schema=None) as batch_op:
        batch_op.drop_column("heart_rate")
