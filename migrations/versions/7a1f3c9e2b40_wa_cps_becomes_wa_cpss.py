"""Washington's credential is now the Certified Peer Support Specialist: rows naming the old
rule-set key `wa-cps` name `wa-cpss`, so peers tracking it keep their renewal picture.

Revision ID: 7a1f3c9e2b40
Revises: 4f1d8c2a9e63
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "7a1f3c9e2b40"
down_revision = "4f1d8c2a9e63"
branch_labels = None
depends_on = None

# (table, column) holding a rule-set key.
KEY_COLUMNS = (
    ("user_credentials", "rule_set"),
    ("users", "working_toward"),
    ("rule_set_choices", "key"),
)


def _rename(old: str, new: str) -> None:
    bind = op.get_bind()
    # A site that already chose for the new key keeps that choice (the key is unique).
    old_choice = "SELECT 1 FROM rule_set_choices WHERE key = :new"
    if bind.execute(sa.text(old_choice), {"new": new}).first() is not None:
        bind.execute(sa.text("DELETE FROM rule_set_choices WHERE key = :old"), {"old": old})
    for table, column in KEY_COLUMNS:
        bind.execute(
            sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),
            {"new": new, "old": old},
        )


def upgrade():
    _rename("wa-cps", "wa-cpss")


def downgrade():
    _rename("wa-cpss", "wa-cps")
