"""The throwaway PostgreSQL server and databases that the PostgreSQL backend is tested on."""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import postgres_server as servers
import psycopg
import pytest
import sqlalchemy
from postgres_server import PostgresDatabase, PostgresServer, clusters_folder


def libpq_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def test_the_role_logs_in_with_the_password_from_the_environment(postgres_database: PostgresDatabase):
    with psycopg.connect(libpq_url(postgres_database.url)) as connection:
        who_where = connection.execute("SELECT current_user, current_database()").fetchone()
    assert who_where == (postgres_database.role, postgres_database.name)


def test_sqlalchemy_connects_with_the_url_as_given(postgres_database: PostgresDatabase):
    engine = sqlalchemy.create_engine(postgres_database.url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("SELECT current_user")).scalar_one() == postgres_database.role
    finally:
        engine.dispose()


def test_a_wrong_password_is_refused(postgres_database: PostgresDatabase, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PGPASSWORD", f"not-{postgres_database.password}")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(libpq_url(postgres_database.url))


def test_the_role_is_not_superuser_but_may_create_roles(postgres_database: PostgresDatabase):
    with psycopg.connect(libpq_url(postgres_database.url)) as connection:
        powers = connection.execute(
            "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    assert powers == (False, True)


@pytest.mark.parametrize("turn", ["first", "second"])
def test_every_test_starts_with_an_empty_database_and_its_own_roles(postgres_database: PostgresDatabase, turn: str):
    with psycopg.connect(libpq_url(postgres_database.url), autocommit=True) as connection:
        tables = connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        assert tables == (0,)
        connection.execute("CREATE TABLE entries (id integer)")
        # Roles belong to the whole cluster: this fails on the second turn if the first one's leaked.
        connection.execute("CREATE ROLE learnlog_member NOLOGIN")
        connection.execute("GRANT SELECT ON entries TO learnlog_member")


def test_two_databases_are_independent(postgres_server: PostgresServer, postgres_database: PostgresDatabase):
    other = f"{postgres_database.name}_other"
    postgres_server.create_database(other, owner=postgres_database.role)
    try:
        with psycopg.connect(libpq_url(postgres_database.url), autocommit=True) as first:
            first.execute("CREATE TABLE entries (id integer)")
            assert first.execute("SELECT to_regclass('entries') IS NOT NULL").fetchone() == (True,)
        with psycopg.connect(libpq_url(postgres_server.url(postgres_database.role, other))) as second:
            assert second.execute("SELECT to_regclass('entries') IS NOT NULL").fetchone() == (False,)
    finally:
        postgres_server.drop_database(other)


@pytest.mark.usefixtures("postgres_database")  # which drops the roles made here afterwards
def test_roles_are_created_with_the_memberships_asked_for(postgres_server: PostgresServer):
    postgres_server.create_role("learnlog_member", None, login=False)
    postgres_server.create_role("learnlog_reader", "reader password", member_of=["learnlog_member"])
    with postgres_server.connect() as admin:
        reader = admin.execute(
            "SELECT rolcanlogin, rolcreaterole, pg_has_role(oid, 'learnlog_member', 'MEMBER')"
            " FROM pg_roles WHERE rolname = 'learnlog_reader'"
        ).fetchone()
        member_can_log_in = admin.execute(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'learnlog_member'"
        ).fetchone()
    assert reader == (True, False, True)
    assert member_can_log_in == (False,)


def test_urls_never_hold_a_password(postgres_server: PostgresServer, postgres_database: PostgresDatabase):
    port = postgres_server.port
    assert postgres_database.url == (
        f"postgresql+psycopg://{postgres_database.role}@127.0.0.1:{port}/{postgres_database.name}"
    )
    assert postgres_database.password not in postgres_database.url
    assert postgres_server.superuser_password not in postgres_server.url(postgres_server.superuser, "postgres")


def test_the_superuser_logs_in_over_tcp_with_its_password(
    postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("PGPASSWORD", postgres_server.superuser_password)
    with psycopg.connect(libpq_url(postgres_server.url(postgres_server.superuser, "postgres"))) as connection:
        is_superuser = connection.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    assert is_superuser == (True,)


# Stale servers and taken ports: each test here starts servers of its own -----------

HOLDER = """
import sys
from postgres_server import PostgresServer

server = PostgresServer.start()
print(server.root, flush=True)
sys.stdin.read()
server.stop()
"""


def hold_servers(count: int) -> list[tuple[subprocess.Popen, Path]]:
    """Test runs of their own: processes that each start a server, tell its folder,
    and stop it when their standard input closes."""
    holders = [
        subprocess.Popen(
            [sys.executable, "-c", HOLDER], cwd=Path(__file__).parent,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(count)
    ]
    held = []
    for holder in holders:
        root = holder.stdout.readline().strip()
        assert root, holder.communicate()[1]
        held.append((holder, Path(root)))
    return held


def postmaster_of(root: Path) -> int:
    return int((root / "data" / "postmaster.pid").read_text().split()[0])


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return False
    return state not in "ZX"


@pytest.mark.usefixtures("postgres_server")  # which skips where no server can start
def test_a_start_stops_the_server_of_a_killed_run_and_leaves_a_running_ones_alone():
    (killed, stale), (alive, kept) = hold_servers(2)
    stale_postmaster = postmaster_of(stale)
    killed.kill()
    killed.wait()
    assert is_running(stale_postmaster), "the killed run's server should have outlived it"
    try:
        PostgresServer.start().stop()
        assert not stale.exists() and not is_running(stale_postmaster)
        assert kept.parent == clusters_folder() and is_running(postmaster_of(kept))
    finally:
        alive.communicate("", timeout=60)
    assert alive.returncode == 0 and not kept.exists()


@pytest.mark.usefixtures("postgres_server")
def test_a_start_deletes_the_folder_of_a_killed_run_whose_server_had_crashed():
    [(killed, stale)] = hold_servers(1)
    os.kill(postmaster_of(stale), signal.SIGKILL)
    killed.kill()
    killed.wait()
    PostgresServer.start().stop()
    assert not stale.exists()


@pytest.mark.usefixtures("postgres_server")
def test_a_server_whose_port_is_taken_before_it_binds_it_starts_on_another(monkeypatch: pytest.MonkeyPatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1]])
        free_port = servers._free_port
        monkeypatch.setattr(servers, "_free_port", lambda: next(ports, None) or free_port())
        server = PostgresServer.start()
        try:
            assert server.port != taken.getsockname()[1]
            with server.connect() as admin:
                assert admin.execute("SELECT 1").fetchone() == (1,)
        finally:
            server.stop()
