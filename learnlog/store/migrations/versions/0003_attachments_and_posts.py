"""Attachments (files kept inside the database, once per content hash within a
journey) and the post that covered an entry.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("journey_id", sa.Integer, sa.ForeignKey("journey.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("journey_id", "sha256"),
    )
    op.create_table(
        "entry_attachment",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("attachment_id", sa.Integer, sa.ForeignKey("attachment.id"), primary_key=True),
    )
    op.create_index("ix_entry_attachment_attachment", "entry_attachment", ["attachment_id"])
    # The rebuilt table keeps AUTOINCREMENT, so a deleted entry's number is never reused.
    with op.batch_alter_table("entry", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.add_column(sa.Column("post_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_entry_post", "entry", ["post_id"], ["id"], ondelete="SET NULL")
