"""an admin may raise the study-time share a course needs before it counts for CE

Revision ID: 3e8f2a6c1b47
Revises: 7a1c3e5b9d20
Create Date: 2026-12-04 15:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3e8f2a6c1b47"
down_revision = "7a1c3e5b9d20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("provider_settings") as batch_op:
        batch_op.add_column(sa.Column("min_time_on_task_share", sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table("provider_settings") as batch_op:
        batch_op.drop_column("min_time_on_task_share")
