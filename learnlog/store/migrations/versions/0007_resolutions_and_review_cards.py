"""Knowledge gaps: the answer that resolves a question or a bug, and each topic's
spaced-review card.

`resolution` holds, for a `confusion` or `bug` entry, what the learner understood
or how they fixed it, and when. It is not an entry: it makes no check-in and
has no minutes. Deleting the entry deletes its resolution.

`topic_card` is derived data: a topic's FSRS card, replayed from the entries
that rate it (`confidence`), with the retention and the fsrs version it was
computed with. Triggers on `entry` mark a topic's card stale in the same
transaction as any insert, update or delete that touches a rating, whichever
way into the store wrote it (log, edit, delete, import, restore, another
program); learnlog recomputes stale cards before it shows them, so a card is
never wrong when read. A later migration that rebuilds `entry` in batch mode
must create these triggers again, as those of 0005.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# A topic's card goes stale: made if missing (a topic rated for the first time).
MARK_STALE = (
    "INSERT INTO topic_card (topic_id, journey_id, stale) VALUES ({row}.topic_id, {row}.journey_id, {true})"
    " ON CONFLICT (topic_id) DO UPDATE SET stale = {true}"
)
RATED = "{row}.confidence IS NOT NULL AND {row}.topic_id IS NOT NULL"
REVIEW_FIELDS = "topic_id, journey_id, logged_at, confidence, uid"

JOURNEY_OWNED = "journey_id IN (SELECT id FROM journey WHERE owner = current_user)"
ENTRY_OWNED = f"entry_id IN (SELECT id FROM entry WHERE {JOURNEY_OWNED})"


def upgrade() -> None:
    op.create_table(
        "resolution",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("resolved_at", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "topic_card",
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stale", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("fsrs_version", sa.String(20), nullable=True),
        sa.Column("retention", sa.Float, nullable=True),
        sa.Column("reviews", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_review", sa.String(40), nullable=True),
        sa.Column("last_rating", sa.Integer, nullable=True),
        sa.Column("due", sa.String(40), nullable=True),
        sa.Column("due_day", sa.Date, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("card", sa.Text, nullable=True),
    )
    op.create_index("ix_topic_card_journey_due_day", "topic_card", ["journey_id", "due_day"])
    postgresql = op.get_bind().dialect.name == "postgresql"
    true = "true" if postgresql else "1"
    # Every topic already rated gets a stale card, which its first reader computes.
    op.execute(
        f"INSERT INTO topic_card (topic_id, journey_id, stale) SELECT DISTINCT topic_id, journey_id, {true}"
        " FROM entry WHERE confidence IS NOT NULL AND topic_id IS NOT NULL"
    )
    if postgresql:
        _postgresql(true)
    else:
        _sqlite(true)


def _sqlite(true: str) -> None:
    new, old = (MARK_STALE.format(row=row, true=true) for row in ("NEW", "OLD"))
    op.execute(
        f"CREATE TRIGGER topic_card_insert AFTER INSERT ON entry WHEN {RATED.format(row='NEW')}"
        f" BEGIN {new}; END"
    )
    op.execute(
        f"CREATE TRIGGER topic_card_delete AFTER DELETE ON entry WHEN {RATED.format(row='OLD')}"
        f" BEGIN {old}; END"
    )
    # SQLite's upsert needs a WHERE on the SELECT form only; these are VALUES forms.
    op.execute(
        f"CREATE TRIGGER topic_card_update_old AFTER UPDATE OF {REVIEW_FIELDS} ON entry"
        f" WHEN {RATED.format(row='OLD')} BEGIN {old}; END"
    )
    op.execute(
        f"CREATE TRIGGER topic_card_update_new AFTER UPDATE OF {REVIEW_FIELDS} ON entry"
        f" WHEN {RATED.format(row='NEW')} BEGIN {new}; END"
    )


def _postgresql(true: str) -> None:
    new, old = (MARK_STALE.format(row=row, true=true) for row in ("NEW", "OLD"))
    op.execute(
        "CREATE FUNCTION learnlog_topic_card() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP IN ('UPDATE', 'DELETE') AND {RATED.format(row='OLD')} THEN {old}; END IF;"
        f" IF TG_OP IN ('UPDATE', 'INSERT') AND {RATED.format(row='NEW')} THEN {new}; END IF;"
        " RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER topic_card_marked AFTER INSERT OR DELETE OR UPDATE OF {REVIEW_FIELDS} ON entry"
        " FOR EACH ROW EXECUTE FUNCTION learnlog_topic_card()"
    )
    # The same guard as every other table of a journey's (migration 0004).
    for table, owned in (("resolution", ENTRY_OWNED), ("topic_card", JOURNEY_OWNED)):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY learnlog_members_read ON {table} FOR SELECT USING (true)")
        op.execute(
            f"CREATE POLICY learnlog_owner_writes ON {table} FOR ALL USING ({owned}) WITH CHECK ({owned})"
        )
