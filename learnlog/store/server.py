"""A journey's database on PostgreSQL: one journey from several computers, or a
study group's journeys side by side.

The store's queries are the same as on SQLite; this module gives them a
psycopg connection with the conventions of `learnlog.store.database.Database`.
It is imported only for a postgresql:// database, and needs the extra
`learnlog[postgres]`.

What differs from the SQLite file, and why:
- Members never migrate: a database at an older revision is refused until its
  owner runs `learnlog db upgrade`.
- Writers take turns on a transaction-scoped advisory lock, as SQLite writers do
  on BEGIN IMMEDIATE: each command reads and writes as if alone, so two
  computers changing the cadence at once cannot leave two pending changes.
- Reads see one snapshot (REPEATABLE READ, READ ONLY).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from learnlog.errors import InputError, LearnlogError, NoJourney
from learnlog.store.connection import Database
from learnlog.store.doctor import (
    COUNTED_TABLES, GUARDED_TABLES, Checkup, Fact, schema_facts,
)
from learnlog.store.location import ServerLocation
from learnlog.store.sqlite_file import BUSY_TIMEOUT_SECONDS, KNOWN_REVISIONS, SCHEMA_REVISION, newer_learnlog

try:
    import psycopg
    from psycopg import errors
except ImportError:
    raise LearnlogError(
        "PostgreSQL needs psycopg: install learnlog with  pip install 'learnlog[postgres]'"
    ) from None

WRITE_LOCK = 0x6C6561726E6C6F67 >> 1
"""The advisory lock every write transaction takes ("learnlog", kept within bigint)."""
CONNECT_TIMEOUT_SECONDS = 10
STREAM_BATCH = 1000
MEMBER_ROLE = "learnlog_member"

_NAMED_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_converted: dict[str, str] = {}


def server_sql(sql: str) -> str:
    """The store's SQL with psycopg's placeholders: `:name` becomes `%(name)s`."""
    converted = _converted.get(sql)
    if converted is None:
        converted = _NAMED_PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))
        _converted[sql] = converted
    return converted


def connection_address(location: ServerLocation) -> str:
    """The URL as libpq takes it (libpq does not know SQLAlchemy's +psycopg)."""
    return "postgresql://" + location.url.split("://", 1)[1]


class ServerDatabase(Database):
    is_server = True

    def __init__(self, connection: psycopg.Connection, location: ServerLocation) -> None:
        super().__init__(connection, location)
        self._role: str | None = None

    @property
    def role(self) -> str:
        """The role this connection logged in as: journeys belong to roles."""
        if self._role is None:
            self._role = str(self.value("SELECT current_user"))
        return self._role

    def execute(self, sql: str, params: Mapping[str, object] | None = None):
        try:
            return self.connection.execute(server_sql(sql), params or {})
        except psycopg.Error as error:
            raise translate(error, self.location) from error
        except OverflowError:
            raise InputError("a number is too large for the database (at most 2**63 - 1)") from None

    def stream(self, sql: str, params: Mapping[str, object] | None = None) -> Iterator[tuple]:
        """The rows of a large result a batch at a time, from a server-side cursor:
        psycopg's ordinary cursor would hold them all in memory at once."""
        try:
            with self.connection.cursor(name="learnlog_stream") as cursor:
                cursor.itersize = STREAM_BATCH
                cursor.execute(server_sql(sql), params or {})
                yield from cursor
        except psycopg.Error as error:
            raise translate(error, self.location) from error

    def executemany(self, sql: str, params: Sequence[Mapping[str, object]]) -> None:
        try:
            with self.connection.cursor() as cursor:
                cursor.executemany(server_sql(sql), params)
        except psycopg.Error as error:
            raise translate(error, self.location) from error

    def begin(self, *, write: bool) -> None:
        if write:
            self.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            # As long as SQLite's busy timeout: a writer that hangs holds up the others.
            self.execute(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_SECONDS:.0f}s'")
            self.execute("SELECT pg_advisory_xact_lock(:lock)", {"lock": WRITE_LOCK})
        else:
            self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def rollback(self) -> None:
        if not self.connection.closed:
            self.connection.execute("ROLLBACK")


def translate(error: psycopg.Error, location: ServerLocation) -> LearnlogError | psycopg.Error:
    """The one line a user is shown for what PostgreSQL refused."""
    detail = error_message(error)
    if isinstance(error, errors.InsufficientPrivilege):
        why = " (only a journey's owner can change it)" if "row-level security" in detail else ""
        return LearnlogError(f"{location} refused: {detail}{why}")
    if isinstance(error, errors.LockNotAvailable):
        return LearnlogError(
            f"{location} stayed locked by another learnlog for {BUSY_TIMEOUT_SECONDS:.0f} s; try again"
        )
    if isinstance(error, errors.NumericValueOutOfRange):
        return InputError("a number is too large for the database")
    if isinstance(error, errors.StringDataRightTruncation):
        return InputError(f"a text is too long for the database: {detail}")
    if isinstance(error, errors.ReadOnlySqlTransaction):
        return LearnlogError(f"{location} is read-only: learnlog cannot write to it")
    if isinstance(error, (psycopg.DataError, psycopg.IntegrityError)):
        return LearnlogError(f"{location} refused: {detail}")
    if isinstance(error, psycopg.OperationalError):
        return LearnlogError(f"cannot use {location}: {detail}")
    return error


def connect(location: ServerLocation, *, timeout: int = CONNECT_TIMEOUT_SECONDS) -> psycopg.Connection:
    try:
        return psycopg.connect(
            connection_address(location), autocommit=True, connect_timeout=timeout, application_name="learnlog",
        )
    except psycopg.Error as error:
        raise LearnlogError(f"cannot connect to {location}: {_last_line(error)}") from None


def error_message(error: psycopg.Error) -> str:
    """What the server said went wrong, or else libpq's own account of it."""
    return error.diag.message_primary or _last_line(error)


def _last_line(error: BaseException) -> str:
    """libpq ends a message with its reason (a connection error first names the address)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def read_revision(connection: psycopg.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except errors.UndefinedTable:
        return None
    return row[0] if row else None


def open_server_database(location: ServerLocation, *, timeout: int = CONNECT_TIMEOUT_SECONDS) -> ServerDatabase:
    """The PostgreSQL database at `location`, which must be at this learnlog's
    revision; a server that does not answer within `timeout` seconds is an error."""
    connection = connect(location, timeout=timeout)
    try:
        revision = read_revision(connection)
        if revision != SCHEMA_REVISION:
            raise _not_current(location, revision)
    except errors.InsufficientPrivilege:
        role = connection.info.user
        connection.close()
        raise LearnlogError(
            f"{role} may not read learnlog's tables in {location}:"
            f" ask the database owner to run GRANT learnlog_member TO {role}"
        ) from None
    except psycopg.Error as error:
        connection.close()
        raise translate(error, location) from error
    except BaseException:
        connection.close()
        raise
    return ServerDatabase(connection, location)


def _not_current(location: ServerLocation, revision: str | None) -> LearnlogError:
    if revision is None:
        return NoJourney(
            f"{location} holds no learnlog schema yet: the database owner must run learnlog db upgrade"
        )
    if revision in KNOWN_REVISIONS:
        return LearnlogError(
            f"{location} is at schema {revision}, this learnlog needs {SCHEMA_REVISION}:"
            " the database owner must run learnlog db upgrade"
        )
    return LearnlogError(f"{newer_learnlog(str(location), revision)}; upgrade learnlog to open it")


class ServerCheckup(Checkup):
    """What doctor found on PostgreSQL: the connection, the schema revision, the
    row-level security that keeps journeys apart, the counts, and the problems."""

    def __init__(self, location: ServerLocation) -> None:
        self.location = location
        self.server_version: str | None = None
        self.role: str | None = None
        self.revision: str | None = None
        self.days_off: int | None = None
        self.topics_off: int | None = None
        self.cards_off: int | None = None
        self.protected: dict[str, bool] = {}
        self.member_role = False
        self.counts: dict[str, int] = {}
        self.problems: list[str] = []

    def facts(self) -> list[Fact]:
        facts: list[Fact] = [("Database", str(self.location))]
        if self.server_version is not None:
            facts.append(("Connected", f"PostgreSQL {self.server_version}, as {self.role}"))
        facts += schema_facts(self)
        if self.protected:
            guarded = f"{sum(self.protected.values())} of {len(self.protected)} tables guarded"
            facts.append(("Row-level security", guarded))
        return facts

    def to_json(self) -> dict:
        return {
            "database": self.location.url, "server_version": self.server_version, "role": self.role,
            "revision": self.revision, "newest_revision": SCHEMA_REVISION, "days_off": self.days_off,
            "topics_off": self.topics_off, "cards_off": self.cards_off, "row_level_security": self.protected, "member_role": self.member_role,
            "counts": self.counts, "healthy": self.healthy, "problems": self.problems,
        }


def examine_server(location: ServerLocation) -> ServerCheckup:
    """Check the PostgreSQL database at `location`: the connection, the schema
    revision, the per-day totals, the row-level security on every table it must
    guard, the member role, and the counts. Only reads."""
    checkup = ServerCheckup(location)
    try:
        connection = connect(location)
    except LearnlogError as error:
        checkup.problems.append(str(error))
        return checkup
    try:
        checkup.server_version, checkup.role = connection.execute(
            "SELECT current_setting('server_version'), current_user"
        ).fetchone()
        checkup.revision = read_revision(connection)
        if checkup.revision is None:
            checkup.problems.append("no learnlog schema yet: the database owner runs learnlog db upgrade")
            return checkup
        if checkup.revision != SCHEMA_REVISION:
            checkup.problems.append(str(_not_current(location, checkup.revision)))
        else:
            checkup.check_kept_data(lambda sql: connection.execute(sql).fetchall())
        _check_row_security(connection, checkup, GUARDED_TABLES)
        checkup.member_role = connection.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (MEMBER_ROLE,)
        ).fetchone() is not None
        if not checkup.member_role:
            checkup.problems.append(f"the role {MEMBER_ROLE} is missing: the database owner runs learnlog db upgrade")
        for table in COUNTED_TABLES:
            (checkup.counts[table],) = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    except psycopg.Error as error:
        checkup.problems.append(f"{location} could not be checked: {_last_line(error)}")
    finally:
        connection.close()
    return checkup


def _check_row_security(connection: psycopg.Connection, checkup: ServerCheckup, tables: dict[str, int]) -> None:
    found = {
        name: (enabled and forced, policies)
        for name, enabled, forced, policies in connection.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,"
            " (SELECT COUNT(*) FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname)"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
    }
    for table, needed in tables.items():
        forced, policies = found.get(table, (False, 0))
        checkup.protected[table] = forced and policies >= needed
        if not checkup.protected[table]:
            checkup.problems.append(
                f"row-level security is not in place on {table}: members could change each other's journeys"
            )
