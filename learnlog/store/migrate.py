"""Schema migrations with Alembic: creating new databases and upgrading old ones.

Imported only when a database is created or upgraded: Alembic and SQLAlchemy
are too heavy for every command to load.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, create_engine, event
from sqlalchemy.exc import DBAPIError

from learnlog.errors import DamagedDatabase, LearnlogError
from learnlog.store.backups import (
    automatic_backup_path,
    prune_automatic_backups,
    write_backup,
)
from learnlog.store.location import Location, ServerLocation, display_path
from learnlog.store.locks import exclusive_lock
from learnlog.store.sqlite_file import SCHEMA_REVISION, read_revision

MIGRATIONS = Path(__file__).with_name("migrations")
UPGRADE_LOCK = 0x6C6561726E6C6F67 >> 2
"""The advisory lock `db upgrade` takes on PostgreSQL (another than the writers')."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_sqlite(path: Path, revision: str = "head", *, shown: Path | None = None) -> None:
    """Run the migrations on the SQLite file at `path`, up to `revision`, in one
    transaction: an interrupted upgrade leaves the database as it was. What SQLite
    refuses (a full disk, a read-only file) is told as every command tells it,
    naming `shown` where `path` is a temporary name."""
    # The URL is built, not parsed: in a path written into a URL string, `?` would
    # start the query and `#` or `%` mean something else again.
    engine = create_engine(URL.create("sqlite", database=str(path)))

    # pysqlite commits before DDL on its own; take transactions over, so that every
    # migration and the revision stamp land together or not at all.
    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediately(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except DBAPIError as error:
        from learnlog.store.connection import translate

        told = translate(error.orig, Location(shown or path)) if isinstance(error.orig, sqlite3.Error) else None
        if not isinstance(told, LearnlogError):
            raise
        raise told from None
    finally:
        engine.dispose()


def create_schema(path: Path, *, shown: Path | None = None) -> None:
    upgrade_sqlite(path, shown=shown)


def upgrade_with_backup(path: Path) -> None:
    """Upgrade an older database to the newest schema, after copying it to a backup beside it."""
    # Of several learnlogs opening an old database at once, one backs it up and
    # upgrades it, once; the others find it upgraded.
    with exclusive_lock(path):
        connection = sqlite3.connect(path)
        try:
            revision = read_revision(connection)
        finally:
            connection.close()
        if revision == SCHEMA_REVISION:
            return
        backup = automatic_backup_path(path, revision, datetime.now())
        try:
            write_backup(path, backup)
        except LearnlogError as error:
            raise LearnlogError(
                f"{display_path(path)} was left as it was, at schema revision {revision}: learnlog backs it up"
                f" before upgrading it, and {error}"
            ) from None
        upgrade_sqlite(path)
        connection = sqlite3.connect(path)
        try:
            (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        finally:
            connection.close()
        if verdict != "ok":
            raise DamagedDatabase(
                f"{display_path(path)} failed its integrity check after upgrading: {verdict}"
            )
        prune_automatic_backups(path)


def upgrade_server(location: ServerLocation) -> tuple[str | None, str]:
    """Create or upgrade the learnlog schema in a PostgreSQL database, with the
    group role `learnlog_member` and the grants its members need, in one
    transaction. Returns the revisions before and after.

    Run by the database's owner: members never own tables, and row-level
    security is forced on the owner too, so owning the tables grants no journey."""
    from sqlalchemy.pool import NullPool

    from learnlog.store.server import connect, read_revision

    probe = connect(location)  # a clear message for a server that cannot be reached
    try:
        before = read_revision(probe)
    finally:
        probe.close()
    engine = create_engine(location.url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            # Two owners' upgrades at once take turns; the second finds nothing to do.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%(lock)s)", {"lock": UPGRADE_LOCK})
            _check_database_owner(connection, location)
            _ensure_member_role(connection)
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            _grant_members(connection)
    except DBAPIError as error:
        from learnlog.store.server import error_message

        raise LearnlogError(f"could not upgrade {location}: {error_message(error.orig)}") from None
    finally:
        engine.dispose()
    return before, SCHEMA_REVISION


def _scalar(connection, sql: str, params: dict | None = None) -> object:
    return connection.exec_driver_sql(sql, params or {}).scalar()


def _check_database_owner(connection, location: ServerLocation) -> None:
    # Even a superuser is refused: the tables would be theirs, and row-level
    # security never binds a superuser.
    owner, me = connection.exec_driver_sql(
        "SELECT pg_get_userbyid(datdba), current_user FROM pg_database WHERE datname = current_database()"
    ).one()
    if owner != me:
        raise LearnlogError(
            f"learnlog db upgrade is run by the owner of {location} ({owner}), not by {me}"
        )


def _ensure_member_role(connection) -> None:
    """Create the group role members are granted, unless it exists (it is shared by
    every database of the server, so another learnlog database may have made it)."""
    from learnlog.store.server import MEMBER_ROLE

    if _scalar(connection, "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": MEMBER_ROLE}):
        return
    if not _scalar(connection, "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"):
        me = _scalar(connection, "SELECT quote_ident(current_user)")
        raise LearnlogError(
            f"the role {MEMBER_ROLE} does not exist and {me} may not create roles: an administrator runs"
            f' "CREATE ROLE {MEMBER_ROLE} NOLOGIN; GRANT {MEMBER_ROLE} TO {me} WITH ADMIN OPTION;",'
            " then you run learnlog db upgrade again"
        )
    connection.exec_driver_sql(f"CREATE ROLE {MEMBER_ROLE} NOLOGIN")


def _grant_members(connection) -> None:
    """What a member needs: to connect, to read every table and write rows
    (row-level security decides which), and to read the schema revision. Renewed
    on every upgrade, so tables added by later migrations are granted too.

    Nobody else may connect, and nobody but the owner may create objects in the
    schema: an operator or function a member could create there would run inside
    every other member's statements, with their rights."""
    from learnlog.store.schema import metadata
    from learnlog.store.server import MEMBER_ROLE

    schema = _scalar(connection, "SELECT quote_ident(current_schema())")
    database = _scalar(connection, "SELECT quote_ident(current_database())")
    tables = ", ".join(table.name for table in metadata.sorted_tables)
    for grant in (
        f"REVOKE CONNECT ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {MEMBER_ROLE}",
        f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {schema} TO {MEMBER_ROLE}",
        f"GRANT SELECT ON alembic_version TO {MEMBER_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {MEMBER_ROLE}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {MEMBER_ROLE}",
    ):
        connection.exec_driver_sql(grant)
