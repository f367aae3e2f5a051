"""Index entries by (journey, day, kind), so the per-day activity the cadence
needs is read from the index alone.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_entry_journey_day", table_name="entry")
    op.create_index("ix_entry_journey_day_kind", "entry", ["journey_id", "day", "kind"])
