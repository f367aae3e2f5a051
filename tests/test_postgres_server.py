"""The throwaway PostgreSQL server and databases that the PostgreSQL backend is tested on."""

import psycopg
import pytest
import sqlalchemy
from postgres_server import PostgresDatabase, PostgresServer


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
