"""people search ignores case and accents: a folded search column on users, filled on write

Revision ID: 4f1d8c2a9e63
Revises: 5c2e9a41d7f3
Create Date: 2026-12-04 17:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

from lms.models import user_search_text

# revision identifiers, used by Alembic.
revision = "4f1d8c2a9e63"
down_revision = "5c2e9a41d7f3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("search_text", sa.String(length=600), nullable=False, server_default="")
        )
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("legal_name", sa.String),
        sa.column("preferred_name", sa.String),
        sa.column("search_text", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(users.c.id, users.c.legal_name, users.c.preferred_name, users.c.email)
    ).all()
    for user_id, legal_name, preferred_name, email in rows:
        connection.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(search_text=user_search_text(legal_name, preferred_name, email))
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("search_text")
