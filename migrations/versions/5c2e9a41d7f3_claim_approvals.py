"""an admin approves CE hours above a course's estimate for one content, with a basis

Revision ID: 5c2e9a41d7f3
Revises: 9b4d7e2f6a18
Create Date: 2026-12-05 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5c2e9a41d7f3"
down_revision = "9b4d7e2f6a18"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "claim_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=1000), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["approved_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("claim_approvals") as batch_op:
        batch_op.create_index(
            "ix_claim_approvals_slug_content", ["slug", "content_hash"], unique=False
        )
    with op.batch_alter_table("course_versions") as batch_op:
        batch_op.add_column(
            sa.Column("claim_basis", sa.Text(), server_default="", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("course_versions") as batch_op:
        batch_op.drop_column("claim_basis")
    with op.batch_alter_table("claim_approvals") as batch_op:
        batch_op.drop_index("ix_claim_approvals_slug_content")
    op.drop_table("claim_approvals")
