"""Capture without friction: the session a timer is running (`learnlog start`).

`running_session` holds at most one row per journey (its primary key), so that
two terminals starting a timer at once cannot both win, and kept in the
database, so that it survives the terminal that started it and, on PostgreSQL,
another computer sees it. `learnlog stop` turns it into an entry.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

JOURNEY_OWNED = "journey_id IN (SELECT id FROM journey WHERE owner = current_user)"
OWN_TOPIC = "topic_id IN (SELECT t.id FROM topic t WHERE t.journey_id = running_session.journey_id)"


def upgrade() -> None:
    op.create_table(
        "running_session",
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topic.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("tags", sa.Text, nullable=False, server_default=""),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        # The same guard as every other table of a journey's (migration 0004).
        op.execute("ALTER TABLE running_session ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE running_session FORCE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY learnlog_members_read ON running_session FOR SELECT USING (true)")
        op.execute(
            "CREATE POLICY learnlog_owner_writes ON running_session FOR ALL"
            f" USING ({JOURNEY_OWNED}) WITH CHECK ({JOURNEY_OWNED} AND {OWN_TOPIC})"
        )
