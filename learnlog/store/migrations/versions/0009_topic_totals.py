"""Per-topic totals kept up to date by the database, and an index for the open
questions, so that the dashboard and `topic list` cost about the same on a
ten-year journey as on a week-old one.

`topic_total` holds, for each topic with entries, their number, their minutes
and the last day among them. `topic list` and the dashboard read one row per
topic instead of grouping a hundred thousand entries. Triggers on `entry`
maintain it in the same transaction as every insert, update and delete,
whichever way into the store wrote the entry, as they maintain `entry_day`
(migration 0005); `doctor` compares it with a full recount.

`ix_entry_journey_kind_day` lets the count of open questions and bugs seek the
confusions and bugs instead of reading every entry of the journey.

A later migration that rebuilds `entry` in batch mode (SQLite copies the table)
drops these triggers with it and must create them again.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MINUTES = "COALESCE({row}.minutes, 0)"

# SQLite and PostgreSQL both take these statements; only the triggers around them
# differ. SQLite has no GREATEST and PostgreSQL no two-argument MAX: hence the CASE.
ADD_ROW = (
    "INSERT INTO topic_total (topic_id, journey_id, sessions, minutes, last_day)"
    f" SELECT NEW.topic_id, NEW.journey_id, 1, {MINUTES.format(row='NEW')}, NEW.day WHERE NEW.topic_id IS NOT NULL"
    " ON CONFLICT (topic_id) DO UPDATE SET sessions = topic_total.sessions + 1,"
    " minutes = topic_total.minutes + excluded.minutes,"
    " last_day = CASE WHEN excluded.last_day > topic_total.last_day THEN excluded.last_day"
    " ELSE topic_total.last_day END"
)
# After a delete or an update the entry table no longer holds the old row as it
# was, so the last day is the latest left: one seek of ix_entry_topic_day. With
# none left, the row keeps its day until DROP_EMPTY removes it.
TAKE_ROW = (
    "UPDATE topic_total SET sessions = sessions - 1, minutes = minutes - COALESCE(OLD.minutes, 0),"
    " last_day = COALESCE((SELECT MAX(e.day) FROM entry e WHERE e.topic_id = OLD.topic_id), last_day)"
    " WHERE topic_id = OLD.topic_id"
)
DROP_EMPTY = "DELETE FROM topic_total WHERE topic_id = OLD.topic_id AND sessions = 0"
TRACKED = "journey_id, topic_id, day, minutes"

JOURNEY_OWNED = "journey_id IN (SELECT id FROM journey WHERE owner = current_user)"


def upgrade() -> None:
    op.create_table(
        "topic_total",
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sessions", sa.Integer, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("last_day", sa.Date, nullable=False),
    )
    op.execute(
        "INSERT INTO topic_total (topic_id, journey_id, sessions, minutes, last_day)"
        f" SELECT topic_id, journey_id, COUNT(*), SUM({MINUTES.format(row='entry')}), MAX(day)"
        " FROM entry WHERE topic_id IS NOT NULL GROUP BY topic_id, journey_id"
    )
    op.create_index("ix_entry_journey_kind_day", "entry", ["journey_id", "kind", "day", "logged_at", "id"])
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    # An entry without a topic matches no row of topic_total: TAKE_ROW and
    # DROP_EMPTY then change nothing, and ADD_ROW's WHERE adds nothing.
    op.execute(f"CREATE TRIGGER topic_total_insert AFTER INSERT ON entry BEGIN {ADD_ROW}; END")
    op.execute(f"CREATE TRIGGER topic_total_delete AFTER DELETE ON entry BEGIN {TAKE_ROW}; {DROP_EMPTY}; END")
    op.execute(
        f"CREATE TRIGGER topic_total_update AFTER UPDATE OF {TRACKED} ON entry"
        f" BEGIN {TAKE_ROW}; {DROP_EMPTY}; {ADD_ROW}; END"
    )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION learnlog_topic_total() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP IN ('UPDATE', 'DELETE') THEN {TAKE_ROW}; {DROP_EMPTY}; END IF;"
        f" IF TG_OP IN ('UPDATE', 'INSERT') THEN {ADD_ROW}; END IF;"
        " RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER topic_total_maintained AFTER INSERT OR DELETE OR UPDATE OF {TRACKED} ON entry"
        " FOR EACH ROW EXECUTE FUNCTION learnlog_topic_total()"
    )
    # The same guard as every other table of a journey's (migration 0004).
    op.execute("ALTER TABLE topic_total ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE topic_total FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY learnlog_members_read ON topic_total FOR SELECT USING (true)")
    op.execute(
        f"CREATE POLICY learnlog_owner_writes ON topic_total FOR ALL USING ({JOURNEY_OWNED}) WITH CHECK ({JOURNEY_OWNED})"
    )
