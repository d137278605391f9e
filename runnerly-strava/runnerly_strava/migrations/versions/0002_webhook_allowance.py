"""webhook events: per-athlete allowance, deferred events

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('athlete_event_windows',
    sa.Column('athlete_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('window_start', sa.BigInteger(), nullable=False),
    sa.Column('used', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('athlete_id', name=op.f('pk_athlete_event_windows'))
    )
    with op.batch_alter_table('webhook_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deferred_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('webhook_events', schema=None) as batch_op:
        batch_op.drop_column('deferred_at')

    op.drop_table('athlete_event_windows')
