"""practice attempts numbered per person, one attempt per number

Two tabs starting the practice exam at once could each open an attempt (on PostgreSQL). Like
quiz attempts, each is now numbered per person and (user_id, number) is unique, so only one of
the two can open the next attempt. Existing attempts are numbered in the order they started.

Revision ID: d08c77a3a31b
Revises: 5b1f0c2d7e41
Create Date: 2026-12-04 14:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d08c77a3a31b"
down_revision = "5b1f0c2d7e41"
branch_labels = None
depends_on = None

# Each attempt's number: how many of the same person's attempts started before it, or at the
# same moment with a lower id, plus itself. Plain SQL that SQLite and PostgreSQL both run.
NUMBER_EXISTING = """
UPDATE practice_attempts SET number = (
    SELECT COUNT(*) FROM practice_attempts AS earlier
    WHERE earlier.user_id = practice_attempts.user_id
      AND (earlier.started_at < practice_attempts.started_at
           OR (earlier.started_at = practice_attempts.started_at
               AND earlier.id <= practice_attempts.id))
)
"""


def upgrade():
    with op.batch_alter_table("practice_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    op.execute(NUMBER_EXISTING)
    with op.batch_alter_table("practice_attempts", schema=None) as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(
            "uq_practice_attempts_user_id_number", ["user_id", "number"]
        )


def downgrade():
    with op.batch_alter_table("practice_attempts", schema=None) as batch_op:
        batch_op.drop_constraint("uq_practice_attempts_user_id_number", type_="unique")
        batch_op.drop_column("number")
