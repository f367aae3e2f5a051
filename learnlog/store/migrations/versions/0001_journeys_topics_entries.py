"""Journeys, their settings, cadence rules, topics, entries, tags and excused days.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _journey_fk() -> sa.ForeignKey:
    return sa.ForeignKey("journey.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "journey",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("owner", sa.String(63)),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("journey_id", sa.Integer, _journey_fk(), primary_key=True),
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "cadence_rule",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("journey_id", sa.Integer, _journey_fk(), nullable=False),
        sa.Column("effective", sa.Date, nullable=False),
        sa.Column("every", sa.Integer, nullable=False),
        sa.Column("counts", sa.String(4), nullable=False),
        sa.UniqueConstraint("journey_id", "effective"),
    )
    op.create_table(
        "topic",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("journey_id", sa.Integer, _journey_fk(), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("name_key", sa.String(80), nullable=False),
        sa.Column("area", sa.String(80)),
        sa.Column("target_hours", sa.Float),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("curriculum", sa.String(80)),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("journey_id", "name_key"),
    )
    op.create_table(
        "entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False, unique=True),
        sa.Column("journey_id", sa.Integer, _journey_fk(), nullable=False),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topic.id")),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("logged_at", sa.String(40), nullable=False),
        sa.Column("minutes", sa.Integer),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("note", sa.String),
        sa.Column("link", sa.String),
        sa.Column("confidence", sa.Integer),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_entry_journey_day", "entry", ["journey_id", "day"])
    op.create_index("ix_entry_topic_day", "entry", ["topic_id", "day"])
    op.create_table(
        "entry_tag",
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("entry.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(60), primary_key=True),
    )
    op.create_index("ix_entry_tag_tag", "entry_tag", ["tag"])
    op.create_table(
        "excused_day",
        sa.Column("journey_id", sa.Integer, _journey_fk(), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("reason", sa.String),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
