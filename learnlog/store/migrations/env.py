"""Alembic environment: learnlog always hands Alembic an open connection."""

from alembic import context

from learnlog.store.schema import metadata

connection = context.config.attributes["connection"]
# Batch mode lets later migrations alter SQLite tables by copying them.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
