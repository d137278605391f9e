"""shoes and the runs worn in them

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shoes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("brand", sa.String(length=100), nullable=False),
        sa.Column("default_for", sa.String(length=32), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("initial_distance_m", sa.Double(), nullable=False),
        sa.Column("retire_at_m", sa.Double(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_shoes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shoes")),
        sa.UniqueConstraint("user_id", "default_for", name="uq_shoes_user_default"),
    )
    with op.batch_alter_table("shoes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shoes_user_id"), ["user_id"], unique=False)

    op.create_table(
        "run_shoes",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("shoe_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_shoes_run_id_runs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shoe_id"], ["shoes.id"], name=op.f("fk_run_shoes_shoe_id_shoes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_run_shoes")),
    )
    with op.batch_alter_table("run_shoes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_shoes_shoe_id"), ["shoe_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("run_shoes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_shoes_shoe_id"))
    op.drop_table("run_shoes")
    with op.batch_alter_table("shoes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shoes_user_id"))
    op.drop_table("shoes")
