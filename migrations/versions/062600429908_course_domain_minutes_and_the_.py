"""course domain minutes and the credential a trainee works toward

Revision ID: 062600429908
Revises: 802259271f2f
Create Date: 2026-12-01 10:52:07.693340

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "062600429908"
down_revision = "802259271f2f"
branch_labels = None
depends_on = None


def upgrade():
    # Versions stored before courses said how their hours split by domain count toward none.
    with op.batch_alter_table("course_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("domain_minutes", sa.JSON(), nullable=False, server_default="{}")
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("working_toward", sa.String(length=100), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("working_toward")

    with op.batch_alter_table("course_versions", schema=None) as batch_op:
        batch_op.drop_column("domain_minutes")
