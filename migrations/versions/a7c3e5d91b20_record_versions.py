"""a version on each CE record and practice-log entry

A supervisor's decision names the version it saw; a record changed since is refused. Existing
rows start at version 1.

Revision ID: a7c3e5d91b20
Revises: d08c77a3a31b
Create Date: 2026-12-08 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c3e5d91b20"
down_revision = "d08c77a3a31b"
branch_labels = None
depends_on = None

TABLES = ("ce_records", "practice_entries")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
