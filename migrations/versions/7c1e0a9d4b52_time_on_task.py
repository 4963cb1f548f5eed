"""time on task: one clock per enrollment, kept with the CE record

Revision ID: 7c1e0a9d4b52
Revises: a7c3e5d91b20
Create Date: 2026-12-10 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7c1e0a9d4b52"
down_revision = "a7c3e5d91b20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seconds_on_task", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("counted_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("ce_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_on_task_seconds", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("ce_records", schema=None) as batch_op:
        batch_op.drop_column("time_on_task_seconds")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_column("counted_until")
        batch_op.drop_column("seconds_on_task")
