"""courses have a language and may name their translation; a CE record's CE identity

Revision ID: b5e2d7a9c314
Revises: b3e8d1f4a6c2
Create Date: 2026-12-04 19:30:00.000000

Existing courses are English (the default). Each existing CE record from a completed course
gets its course's slug as CE identity, so a learner who already has it cannot earn it again
through a translation.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b5e2d7a9c314"
down_revision = "b3e8d1f4a6c2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("courses") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), nullable=False, server_default="en")
        )
        batch_op.add_column(sa.Column("translation", sa.String(length=80), nullable=True))
    with op.batch_alter_table("ce_records") as batch_op:
        batch_op.add_column(sa.Column("ce_identity", sa.String(length=80), nullable=True))
    slug_of_record = (
        sa.select(sa.text("courses.slug"))
        .select_from(sa.text("enrollments JOIN courses ON courses.id = enrollments.course_id"))
        .where(sa.text("enrollments.id = ce_records.enrollment_id"))
        .scalar_subquery()
    )
    records = sa.table(
        "ce_records", sa.column("enrollment_id", sa.Integer), sa.column("ce_identity", sa.String)
    )
    op.get_bind().execute(
        records.update()
        .where(records.c.enrollment_id.is_not(None))
        .values(ce_identity=slug_of_record)
    )
    with op.batch_alter_table("ce_records") as batch_op:
        batch_op.create_unique_constraint(
            "uq_ce_records_user_id_ce_identity", ["user_id", "ce_identity"]
        )


def downgrade():
    with op.batch_alter_table("ce_records") as batch_op:
        batch_op.drop_constraint("uq_ce_records_user_id_ce_identity", type_="unique")
        batch_op.drop_column("ce_identity")
    with op.batch_alter_table("courses") as batch_op:
        batch_op.drop_column("translation")
        batch_op.drop_column("language")
