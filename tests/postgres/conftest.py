"""A study group on a real PostgreSQL server: the database's owner (ada) and a
member (ben), each a login role with a password that libpq reads from a .pgpass
file, as a real user's would be."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from postgres_server import PostgresDatabase, PostgresServer

from learnlog.__main__ import main


@dataclass
class Group:
    """One fresh learnlog database, upgraded by its owner, with a member who may use it."""

    server: PostgresServer
    database: str
    owner: str
    member: str
    passwords: dict[str, str]

    def url(self, role: str) -> str:
        return self.server.url(role, self.database)

    def connect(self, role: str):
        import psycopg

        return psycopg.connect(
            host=self.server.host, port=self.server.port, user=role, dbname=self.database,
            password=self.passwords[role], autocommit=True,
        )


@pytest.fixture
def group(postgres_database: PostgresDatabase, postgres_server: PostgresServer, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Group]:
    """The owner's fresh database (upgraded with learnlog db upgrade) and a member."""
    member = f"member_{secrets.token_hex(4)}"
    passwords = {postgres_database.role: postgres_database.password, member: secrets.token_urlsafe(18)}
    postgres_server.create_role(member, passwords[member])
    passfile = tmp_path / "pgpass"
    passfile.write_text("".join(
        f"{postgres_server.host}:{postgres_server.port}:*:{role}:{password}\n" for role, password in passwords.items()
    ))
    passfile.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.setenv("LEARNLOG_TODAY", "2026-11-25")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("LEARNLOG_DB", "LEARNLOG_JOURNEY", "NO_COLOR", "FORCE_COLOR", "LEARNLOG_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    made = Group(postgres_server, postgres_database.name, postgres_database.role, member, passwords)
    _run(["--db", made.url(made.owner), "db", "upgrade"])
    with postgres_server.connect(postgres_database.name) as admin:
        admin.execute(f'GRANT learnlog_member TO "{member}"')
    yield made


def _run(args: list[str]) -> None:
    try:
        main(args)
    except SystemExit as exit:
        assert exit.code in (0, None), f"learnlog {' '.join(args)} exited {exit.code}"


@pytest.fixture
def as_role(group: Group, capsys: pytest.CaptureFixture) -> Callable:
    """Run learnlog in this process as `role` on the group's database; returns
    (exit code, stdout, stderr)."""

    def run(role: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main(["--db", group.url(role), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run
