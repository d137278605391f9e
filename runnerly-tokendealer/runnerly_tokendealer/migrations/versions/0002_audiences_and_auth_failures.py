"""Clients get the audiences they are registered for; failed authentications are counted.

Clients registered before this revision could get tokens for every audience the dealer
issued for; they keep exactly that (the default audiences of the time), written out so
that ``client list`` shows it and an operator can narrow it with ``client add
--rotate-secret --audience``. Their argon2 secret hashes stay until the client next
authenticates, which replaces them with the keyed hash (``clients.secrets``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

AUDIENCES_OF_0001 = "runnerly-dashboard runnerly-data runnerly-strava runnerly-tokendealer runnerly-training"


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("audience", sa.String(length=1000), nullable=False, server_default=AUDIENCES_OF_0001))
    with op.batch_alter_table("clients") as batch:
        batch.alter_column("audience", server_default=None)
    op.create_table(
        "auth_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_failures")),
    )
    op.create_index(op.f("ix_auth_failures_key"), "auth_failures", ["key"])
    op.create_index(op.f("ix_auth_failures_failed_at"), "auth_failures", ["failed_at"])


def downgrade() -> None:
    op.drop_table("auth_failures")
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("audience")
