"""A throwaway PostgreSQL cluster for the tests.

Each test process (each pytest-xdist worker) starts its own cluster: learnlog
creates roles with fixed names (main, learnlog_member) and roles belong to the
whole cluster, so two workers sharing one would trip over each other's.

The cluster lives in a folder of its own under `clusters_folder()`, listens on
127.0.0.1 at a free port and is deleted when stopped. The folder is named after
the process that started it, so that a run killed before its teardown leaves
nothing behind for long: the next start stops every cluster whose owner is gone.
PostgreSQL refuses to run as root, so under root initdb and pg_ctl run as the
`postgres` system account.

Passwords never go into URLs: libpq reads them from PGPASSWORD or a .pgpass file.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import stat
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
# A free port may be taken by another process before the server binds it.
PORT_ATTEMPTS = 3


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


def clusters_folder() -> Path:
    """The folder that holds every cluster these tests start, this user's own."""
    return Path(tempfile.gettempdir()) / f"learnlog-test-postgres-{os.getuid()}"


def _identity(pid: int) -> str | None:
    """Who a process is, or None once it has ended: its pid and, where /proc says,
    the moment it started, as a pid alone may have been given to a new process since."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # it exists, and is another user's
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return str(pid)
    state, started = fields[0], fields[19]
    # A zombie has ended; only its parent has not read its exit status yet.
    return None if state in "ZX" else f"{pid}-{started}"


def _owner(cluster: Path) -> str | None:
    """The identity of the process a cluster's folder is named after, or None for
    a folder these tests did not name."""
    owner, separator, _ = cluster.name.rpartition("-")
    pid = owner.partition("-")[0]
    return owner if separator and pid.isdigit() else None


def _own_clusters_folder() -> Path:
    folder = clusters_folder()
    folder.mkdir(mode=0o755, exist_ok=True)
    # The server account must reach its cluster inside, and no one else may put a
    # folder here that the tests would then stop and delete as a stale cluster.
    facts = folder.lstat()
    if not stat.S_ISDIR(facts.st_mode) or facts.st_uid != os.geteuid() or facts.st_mode & 0o022:
        raise PostgresServerError(f"{folder} is not a folder of this user's that only this user may write in")
    folder.chmod(0o755)
    return folder


def stop_stale_servers(folder: Path, bindir: Path, account: pwd.struct_passwd | None) -> list[Path]:
    """Stop every cluster in `folder` whose owner has ended and delete its folder;
    returns the folders as they were named. Each is first renamed after this process,
    so that of two processes cleaning up at once only one stops it, and so that a
    cleanup killed halfway is finished by the next one."""
    me = _identity(os.getpid())
    stopped = []
    for cluster in sorted(folder.iterdir()):
        owner = _owner(cluster)
        if owner is None or _identity(int(owner.partition("-")[0])) == owner:
            continue
        claimed = folder / f"{me}-{secrets.token_hex(6)}"
        try:
            cluster.rename(claimed)
        except FileNotFoundError:
            continue  # another process claimed it first
        _stop_any_server(claimed, bindir, account)
        shutil.rmtree(claimed)
        stopped.append(cluster)
    return stopped


def _stop_any_server(root: Path, bindir: Path, account: pwd.struct_passwd | None) -> None:
    data = root / "data"
    if not (data / "postmaster.pid").exists():
        return
    stop = _run(bindir, account, root, "pg_ctl", "stop", f"--pgdata={data}", "--mode=immediate", "--wait")
    if stop.returncode == 0:
        return
    # pg_ctl stop also fails on a server that died without stopping, as in a crash:
    # then status says that none runs (3) or that the folder holds no cluster (4).
    if _run(bindir, account, root, "pg_ctl", "status", f"--pgdata={data}").returncode not in (3, 4):
        raise PostgresServerError(f"cannot stop the stale server in {root}: {_output(stop)}")


def _run(
    bindir: Path, account: pwd.struct_passwd | None, cwd: Path, program: str, *arguments: str
) -> subprocess.CompletedProcess:
    command = [str(bindir / program), *arguments]
    if account is not None:
        command = ["runuser", "-u", account.pw_name, "--", *command]
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError as missing:
        raise PostgresServerError(f"cannot run {missing.filename}") from None


def _output(done: subprocess.CompletedProcess) -> str:
    return (done.stderr or done.stdout).strip()


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
        folder = _own_clusters_folder()
        stop_stale_servers(folder, bindir, account)
        root = Path(tempfile.mkdtemp(prefix=f"{_identity(os.getpid())}-", dir=folder))
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
                f"unix_socket_directories = '{self.root}'\n"
                # Nothing in this cluster has to survive a crash, so durability only costs time.
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )

    def _start(self) -> None:
        for attempt in range(1, PORT_ATTEMPTS + 1):
            self.log.unlink(missing_ok=True)
            try:
                self._run(
                    "pg_ctl", "start", f"--pgdata={self.data}", f"--log={self.log}", f"--options=-p {self.port}",
                    "--wait", "--timeout=60",
                )
                return
            except PostgresServerError as failure:
                log = self.log.read_text(errors="replace").splitlines()[-20:] if self.log.exists() else []
                if attempt == PORT_ATTEMPTS or not any("Address already in use" in line for line in log):
                    raise PostgresServerError("\n".join([str(failure), *log])) from None
            self.port = _free_port()

    def _hand_to_account(self, path: Path) -> None:
        if self.account is not None:
            os.chown(path, self.account.pw_uid, self.account.pw_gid)

    def _run(self, program: str, *arguments: str) -> None:
        done = _run(self.bindir, self.account, self.root, program, *arguments)
        if done.returncode != 0:
            raise PostgresServerError(f"{' '.join(done.args)} failed with status {done.returncode}: {_output(done)}")
