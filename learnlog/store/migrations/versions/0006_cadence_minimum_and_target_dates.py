"""Honest cadence and plans: a cadence rule may ask for a minimum of minutes per
check-in day, and a topic's target of hours may have a date.

`cadence_rule.min_minutes` is 0 where no minimum is asked, which is what every
rule written before this revision asked. `topic.target_by` is the day the
target should be met, or NULL. The skip budget is a setting (`setting` table)
and needs no column.

Both are plain added columns: SQLite adds them in place, so the `entry` table
and its triggers (migration 0005) are untouched.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "cadence_rule",
        sa.Column("min_minutes", sa.Integer, nullable=False, server_default="0"),
    )
    op.add_column("topic", sa.Column("target_by", sa.Date, nullable=True))
