"""Per-day totals kept up to date by the database, and a covering index for the
per-topic totals, so that `status`, the prompt and the dashboard cost about the
same on a ten-year journey as on a week-old one.

`entry_day` holds, for each journey and day, its entries, posts and minutes. The
cadence reads a few thousand of these rows instead of grouping a hundred
thousand entries. Triggers on `entry` maintain it in the same transaction as
every insert, update and delete, whichever way into the store wrote the entry.

A later migration that rebuilds `entry` in batch mode (SQLite copies the table)
drops these triggers with it and must create them again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

IS_POST = "CASE WHEN {row}.kind = 'post' THEN 1 ELSE 0 END"
MINUTES = "COALESCE({row}.minutes, 0)"

# SQLite and PostgreSQL both take this upsert; only the trigger around it differs.
ADD_ROW = (
    "INSERT INTO entry_day (journey_id, day, entries, posts, minutes)"
    f" VALUES (NEW.journey_id, NEW.day, 1, {IS_POST.format(row='NEW')}, {MINUTES.format(row='NEW')})"
    " ON CONFLICT (journey_id, day) DO UPDATE SET entries = entry_day.entries + 1,"
    " posts = entry_day.posts + excluded.posts, minutes = entry_day.minutes + excluded.minutes"
)
TAKE_ROW = (
    "UPDATE entry_day SET entries = entries - 1,"
    f" posts = posts - {IS_POST.format(row='OLD')}, minutes = minutes - {MINUTES.format(row='OLD')}"
    " WHERE journey_id = OLD.journey_id AND day = OLD.day"
)
DROP_EMPTY = "DELETE FROM entry_day WHERE journey_id = OLD.journey_id AND day = OLD.day AND entries = 0"
TRACKED = "journey_id, day, kind, minutes"

JOURNEY_OWNED = "journey_id IN (SELECT id FROM journey WHERE owner = current_user)"


def upgrade() -> None:
    op.create_table(
        "entry_day",
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("posts", sa.Integer, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO entry_day (journey_id, day, entries, posts, minutes)"
        f" SELECT journey_id, day, COUNT(*), SUM({IS_POST.format(row='entry')}), SUM({MINUTES.format(row='entry')})"
        " FROM entry GROUP BY journey_id, day"
    )
    op.create_index("ix_entry_journey_topic_day_minutes", "entry", ["journey_id", "topic_id", "day", "minutes"])
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    op.execute(f"CREATE TRIGGER entry_day_insert AFTER INSERT ON entry BEGIN {ADD_ROW}; END")
    op.execute(f"CREATE TRIGGER entry_day_delete AFTER DELETE ON entry BEGIN {TAKE_ROW}; {DROP_EMPTY}; END")
    op.execute(
        f"CREATE TRIGGER entry_day_update AFTER UPDATE OF {TRACKED} ON entry"
        f" BEGIN {TAKE_ROW}; {DROP_EMPTY}; {ADD_ROW}; END"
    )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION learnlog_entry_day() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP IN ('UPDATE', 'DELETE') THEN {TAKE_ROW}; {DROP_EMPTY}; END IF;"
        f" IF TG_OP IN ('UPDATE', 'INSERT') THEN {ADD_ROW}; END IF;"
        " RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER entry_day_maintained AFTER INSERT OR DELETE OR UPDATE OF {TRACKED} ON entry"
        " FOR EACH ROW EXECUTE FUNCTION learnlog_entry_day()"
    )
    # The same guard as every other table of a journey's (migration 0004).
    op.execute("ALTER TABLE entry_day ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE entry_day FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY learnlog_members_read ON entry_day FOR SELECT USING (true)")
    op.execute(
        f"CREATE POLICY learnlog_owner_writes ON entry_day FOR ALL USING ({JOURNEY_OWNED}) WITH CHECK ({JOURNEY_OWNED})"
    )
