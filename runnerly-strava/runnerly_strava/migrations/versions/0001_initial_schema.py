"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('links',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('athlete_id', sa.BigInteger(), nullable=False),
    sa.Column('athlete_name', sa.String(length=200), nullable=False),
    sa.Column('athlete_since', sa.BigInteger(), nullable=True),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('access_token', sa.Text(), nullable=False),
    sa.Column('refresh_token', sa.Text(), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sync_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('backfill_state', sa.String(length=16), nullable=False),
    sa.Column('backfill_before', sa.BigInteger(), nullable=True),
    sa.Column('backfill_pages', sa.Integer(), nullable=False),
    sa.Column('backfill_scanned', sa.Integer(), nullable=False),
    sa.Column('backfill_runs', sa.Integer(), nullable=False),
    sa.Column('backfill_touched_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resume_at', sa.BigInteger(), nullable=True),
    sa.Column('newest_start', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_links')),
    sa.UniqueConstraint('athlete_id', name=op.f('uq_links_athlete_id'))
    )
    op.create_table('outbox_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('body', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_events'))
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_events_published_at'), ['published_at'], unique=False)

    op.create_table('rate_windows',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('window_start', sa.BigInteger(), nullable=False),
    sa.Column('used', sa.Integer(), nullable=False),
    sa.Column('limit', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_rate_windows'))
    )
    op.create_table('used_states',
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('nonce', name=op.f('pk_used_states'))
    )
    op.create_table('webhook_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('object_type', sa.String(length=16), nullable=False),
    sa.Column('object_id', sa.BigInteger(), nullable=False),
    sa.Column('aspect_type', sa.String(length=16), nullable=False),
    sa.Column('event_time', sa.BigInteger(), nullable=False),
    sa.Column('owner_id', sa.BigInteger(), nullable=False),
    sa.Column('updates', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_events')),
    sa.UniqueConstraint('object_id', 'aspect_type', 'event_time', name='uq_webhook_events_identity')
    )
    with op.batch_alter_table('webhook_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webhook_events_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_webhook_events_processed_at'), ['processed_at'], unique=False)

    op.create_table('webhook_subscriptions',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('callback_url', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_subscriptions'))
    )
    op.create_table('synced_activities',
    sa.Column('activity_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('summary_hash', sa.String(length=64), nullable=False),
    sa.Column('details', sa.String(length=8), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['links.user_id'], name=op.f('fk_synced_activities_user_id_links'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', name=op.f('pk_synced_activities'))
    )
    with op.batch_alter_table('synced_activities', schema=None) as batch_op:
        batch_op.create_index('ix_synced_activities_details', ['details', 'user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_synced_activities_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('synced_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_synced_activities_user_id'))
        batch_op.drop_index('ix_synced_activities_details')

    op.drop_table('synced_activities')
    op.drop_table('webhook_subscriptions')
    with op.batch_alter_table('webhook_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhook_events_processed_at'))
        batch_op.drop_index(batch_op.f('ix_webhook_events_owner_id'))

    op.drop_table('webhook_events')
    op.drop_table('used_states')
    op.drop_table('rate_windows')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_published_at'))

    op.drop_table('outbox_events')
    op.drop_table('links')
