"""Evidence from the work itself: registered git repositories, the commits `sync`
has seen, and where an attachment taken from a notebook came from.

`repository` holds a journey's repositories per computer: its path is that
computer's (`host`, the host name), so one journey shared on PostgreSQL keeps a
registration for each computer. `synced_commit` holds every commit hash `sync`
has seen for a journey, whichever computer saw it, with the entry it went into;
deleting that entry leaves the hash seen (entry_id becomes NULL), so a commit is
imported at most once, ever. `attachment.notebook` and `attachment.cell` name
the notebook and the 1-based cell an image was taken from.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

JOURNEY_OWNED = "journey_id IN (SELECT id FROM journey WHERE owner = current_user)"
OWN_TOPIC = "topic_id IN (SELECT t.id FROM topic t WHERE t.journey_id = repository.journey_id)"
OWN_ENTRY = (
    "(entry_id IS NULL OR entry_id IN (SELECT e.id FROM entry e WHERE e.journey_id = synced_commit.journey_id))"
)


def upgrade() -> None:
    op.create_table(
        "repository",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topic.id", ondelete="CASCADE"), nullable=False),
        sa.Column("authors", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("journey_id", "host", "name"),
    )
    op.create_table(
        "synced_commit",
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id", ondelete="SET NULL"), nullable=True),
        sa.Column("repository", sa.String(255), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_synced_commit_entry", "synced_commit", ["entry_id"])
    # Plain ADD COLUMNs: no batch rebuild of a table that triggers or data hang on.
    op.add_column("attachment", sa.Column("notebook", sa.String(255), nullable=True))
    op.add_column("attachment", sa.Column("cell", sa.Integer, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # The same guard as every other table of a journey's (migration 0004).
        for table, check in (("repository", OWN_TOPIC), ("synced_commit", OWN_ENTRY)):
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY learnlog_members_read ON {table} FOR SELECT USING (true)")
            op.execute(
                f"CREATE POLICY learnlog_owner_writes ON {table} FOR ALL"
                f" USING ({JOURNEY_OWNED}) WITH CHECK ({JOURNEY_OWNED} AND {check})"
            )
