"""The interface language a person chose (users.locale): None follows their browser.

Revision ID: b3e8d1f4a6c2
Revises: 7a1f3c9e2b40
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "b3e8d1f4a6c2"
down_revision = "7a1f3c9e2b40"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("locale")
