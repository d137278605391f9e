"""forget cached run splits, so they are fetched again with their heart rates

The cache kept only each split's distance and time; load now reads each split's average
heart rate too. The rows are a cache of the data service's splits: deleting them makes the
next refresh fetch every run's splits once more, with heart rates.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM run_splits")


def downgrade() -> None:
    pass  # a cache: nothing to restore
