"""On PostgreSQL, a journey belongs to the role that created it: row-level
security lets every member read every journey (for the board) and only the
owner change what belongs to it. Forced on the tables' owner too, so the
database owner's own journey is held to the same rules.

A SQLite file has one user, and nothing changes there but the revision.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OWNED_BY_CURRENT_ROLE = "owner = current_user"
JOURNEY_OWNED = f"journey_id IN (SELECT id FROM journey WHERE {OWNED_BY_CURRENT_ROLE})"
ENTRY_OWNED = f"entry_id IN (SELECT id FROM entry WHERE {JOURNEY_OWNED})"

# Which rows a role may change (USING), and what a new or changed row may be
# (WITH CHECK): its own, and pointing only at its own rows, so that nobody can
# hang an entry on another's topic or link another's attachment, which would
# leave its owner unable to remove them.
OWN_TOPIC_OR_NONE = "(topic_id IS NULL OR topic_id IN (SELECT t.id FROM topic t WHERE t.journey_id = entry.journey_id))"
OWN_ATTACHMENT = f"attachment_id IN (SELECT id FROM attachment WHERE {JOURNEY_OWNED})"

OWNER_CHECKS = {
    "journey": (OWNED_BY_CURRENT_ROLE, OWNED_BY_CURRENT_ROLE),
    "setting": (JOURNEY_OWNED, JOURNEY_OWNED),
    "cadence_rule": (JOURNEY_OWNED, JOURNEY_OWNED),
    "topic": (JOURNEY_OWNED, JOURNEY_OWNED),
    "entry": (JOURNEY_OWNED, f"{JOURNEY_OWNED} AND {OWN_TOPIC_OR_NONE}"),
    "excused_day": (JOURNEY_OWNED, JOURNEY_OWNED),
    "attachment": (JOURNEY_OWNED, JOURNEY_OWNED),
    "entry_tag": (ENTRY_OWNED, ENTRY_OWNED),
    "entry_attachment": (ENTRY_OWNED, f"{ENTRY_OWNED} AND {OWN_ATTACHMENT}"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE journey ALTER COLUMN owner SET DEFAULT current_user")
    op.execute("UPDATE journey SET owner = current_user WHERE owner IS NULL")
    for table, (changeable, allowed) in OWNER_CHECKS.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY learnlog_members_read ON {table} FOR SELECT USING (true)")
        op.execute(
            f"CREATE POLICY learnlog_owner_writes ON {table} FOR ALL USING ({changeable}) WITH CHECK ({allowed})"
        )
