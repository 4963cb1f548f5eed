"""a provider tag the verifier confirms on a CE record

Revision ID: 5b1f0c2d7e41
Revises: 062600429908
Create Date: 2026-12-01 11:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5b1f0c2d7e41"
down_revision = "062600429908"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ce_records", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("provider_tag", sa.String(length=100), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("ce_records", schema=None) as batch_op:
        batch_op.drop_column("provider_tag")
