"""provider approvals: each board approval the provider holds, with dates and what it covers

Revision ID: 7a1c3e5b9d20
Revises: 7c1e0a9d4b52
Create Date: 2026-05-01 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7a1c3e5b9d20"
down_revision = "7c1e0a9d4b52"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "provider_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("approving_body", sa.String(length=200), nullable=False),
        sa.Column("approval_number", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("covers", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("provider_approvals")
