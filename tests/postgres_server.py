"""A throwaway PostgreSQL cluster for the tests.

The cluster lives in a temporary folder, listens on 127.0.0.1 at a free port and
is deleted when stopped. PostgreSQL refuses to run as root, so under root initdb
and pg_ctl run as the `postgres` system account.

Passwords never go into URLs: libpq reads them from PGPASSWORD or a .pgpass file.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

# Points the tests at one PostgreSQL installation's bin folder instead of the newest found.
BINDIR_VARIABLE = "LEARNLOG_TEST_PG_BINDIR"
SERVER_ACCOUNT = "postgres"


class PostgresServerError(Exception):
    """The cluster could not be set up or torn down; the message says why."""


@dataclass(frozen=True)
class PostgresDatabase:
    url: str
    name: str
    role: str
    password: str


def find_bindir() -> Path:
    override = os.environ.get(BINDIR_VARIABLE)
    if override:
        candidates = [Path(override)]
    else:
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version, reverse=True)
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    where = f"{BINDIR_VARIABLE}={override}" if override else "/usr/lib/postgresql/*/bin or on PATH"
    raise PostgresServerError(f"no initdb and pg_ctl in {where}")


def _version(bindir: Path) -> list[int]:
    return [int(part) for part in bindir.parent.name.split(".") if part.isdigit()]


def _server_account() -> pwd.struct_passwd | None:
    """The account to run the server as, or None to run it as ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_ACCOUNT)
    except KeyError:
        raise PostgresServerError(
            f"running as root, and there is no {SERVER_ACCOUNT!r} account to run the server as"
        ) from None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    host = "127.0.0.1"
    superuser = "postgres"

    def __init__(self, root: Path, bindir: Path, account: pwd.struct_passwd | None) -> None:
        self.root = root
        self.bindir = bindir
        self.account = account
        self.port = _free_port()
        self.superuser_password = secrets.token_urlsafe(24)
        self.data = root / "data"
        self.log = root / "server.log"

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = find_bindir()
        account = _server_account()
        root = Path(tempfile.mkdtemp(prefix="learnlog-postgres-"))
        try:
            server = cls(root, bindir, account)
            server._hand_to_account(root)
            server._initdb()
            server._configure()
            server._start()
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return server

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", f"--pgdata={self.data}", "--mode=immediate", "--wait")
        finally:
            shutil.rmtree(self.root)

    def url(self, user: str, database: str) -> str:
        """A SQLAlchemy URL without the password, which libpq finds for itself."""
        return f"postgresql+psycopg://{quote(user, safe='')}@{self.host}:{self.port}/{quote(database, safe='')}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        """An autocommit connection as the superuser."""
        # Through the unix socket, where initdb set up trust: no password to pass around.
        return psycopg.connect(
            host=str(self.root), port=self.port, user=self.superuser, dbname=database, autocommit=True
        )

    def create_role(
        self,
        name: str,
        password: str | None,
        *,
        login: bool = True,
        createrole: bool = False,
        member_of: Iterable[str] = (),
    ) -> None:
        query = sql.SQL("CREATE ROLE {name} {login} {createrole} PASSWORD {password}").format(
            name=sql.Identifier(name),
            login=sql.SQL("LOGIN" if login else "NOLOGIN"),
            createrole=sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE"),
            password=sql.Literal(password),
        )
        groups = [sql.Identifier(group) for group in member_of]
        if groups:
            query += sql.SQL(" IN ROLE {}").format(sql.SQL(", ").join(groups))
        self._execute(query)

    def drop_role(self, name: str) -> None:
        self._execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))

    def role_names(self) -> set[str]:
        with self.connect() as admin:
            return {name for (name,) in admin.execute("SELECT rolname FROM pg_roles")}

    def create_database(self, name: str, owner: str) -> None:
        self._execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner)))

    def drop_database(self, name: str) -> None:
        # FORCE terminates the database's connections first (pg_terminate_backend).
        self._execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))

    def _execute(self, query: sql.Composable) -> None:
        with self.connect() as admin:
            admin.execute(query)

    def _initdb(self) -> None:
        password_file = self.root / "superuser-password"
        password_file.write_text(self.superuser_password)
        password_file.chmod(0o600)
        self._hand_to_account(password_file)
        try:
            self._run(
                "initdb",
                f"--pgdata={self.data}",
                f"--username={self.superuser}",
                f"--pwfile={password_file}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
        finally:
            password_file.unlink()

    def _configure(self) -> None:
        with (self.data / "postgresql.conf").open("a") as settings:
            settings.write(
                f"listen_addresses = '{self.host}'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.root}'\n"
                # Nothing in this cluster has to survive a crash, so durability only costs time.
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )

    def _start(self) -> None:
        try:
            self._run("pg_ctl", "start", f"--pgdata={self.data}", f"--log={self.log}", "--wait", "--timeout=60")
        except PostgresServerError as failure:
            log = self.log.read_text(errors="replace").splitlines()[-20:] if self.log.exists() else []
            raise PostgresServerError("\n".join([str(failure), *log])) from None

    def _hand_to_account(self, path: Path) -> None:
        if self.account is not None:
            os.chown(path, self.account.pw_uid, self.account.pw_gid)

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.bindir / program), *arguments]
        if self.account is not None:
            command = ["runuser", "-u", self.account.pw_name, "--", *command]
        try:
            done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=False)
        except FileNotFoundError as missing:
            raise PostgresServerError(f"cannot run {missing.filename}") from None
        if done.returncode != 0:
            output = (done.stderr or done.stdout).strip()
            raise PostgresServerError(f"{' '.join(command)} failed with status {done.returncode}: {output}")
