import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from machine import _readable_install, another_user, small_disk, tiny_disk  # noqa: F401 - fixtures for every test
from migrated import migrate_once
from postgres_server import PostgresDatabase, PostgresServer, PostgresServerError

from learnlog.__main__ import main

# The learnlog processes the tests start run as on a user's machine, byte-code
# cached: where the environment says PYTHONDONTWRITEBYTECODE (as some CI images
# do), each of the suite's thousands of processes would compile every module it
# loads again, a third of the suite's time on a fresh clone.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# A 2-core CI machine is slow and noisy: no per-example deadline there.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journey.db"


BOTH_BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A module marked both_backends runs each of its tests on a SQLite file and
    # on a PostgreSQL database, but for those marked sqlite_only.
    marked = metafunc.definition.get_closest_marker
    if "backend" in metafunc.fixturenames and marked("both_backends") and not marked("sqlite_only"):
        metafunc.parametrize("backend", BOTH_BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The test's fresh database, as --db names it: a SQLite file that does not
    exist yet, or an empty PostgreSQL database its owner has upgraded. The owner's
    role is called main, so that journeys get the name they get on SQLite."""
    if backend == "sqlite":
        return str(db_path)
    from learnlog.store.location import ServerLocation
    from learnlog.store.migrate import upgrade_server

    created = request.getfixturevalue("postgres_database_of_main")
    upgrade_server(ServerLocation(created.url))
    return created.url


@pytest.fixture
def learnlog(
    database: str,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    request: pytest.FixtureRequest,
):
    """Run learnlog through its real entry point, in this process, on a fresh
    database, with "today" fixed; returns exit code, stdout and stderr. A new
    SQLite database is a copy of a migrated one (see migrate_once), unless the
    test is marked real_migrations."""
    if not request.node.get_closest_marker("real_migrations"):
        migrate_once(monkeypatch)
    monkeypatch.setenv("LEARNLOG_DB", database)
    monkeypatch.setenv("LEARNLOG_TODAY", "2026-11-25")
    monkeypatch.setenv("XDG_CACHE_HOME", str(db_path.parent.parent / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    for name in ("LEARNLOG_JOURNEY", "NO_COLOR", "FORCE_COLOR", "LEARNLOG_DEBUG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, today: str | None = None) -> Result:
        if today is not None:
            monkeypatch.setenv("LEARNLOG_TODAY", today)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    # Many tests wait on learnlog subprocesses or on PostgreSQL, which leaves a
    # core idle: one worker more than the cores keeps both busy.
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # So that -m "not postgres" leaves out every test that needs the server.
    for item in items:
        if "postgres_server" in item.fixturenames:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster, started by the first test that asks for it:
    one per pytest-xdist worker, as a session is. Where it cannot start the tests
    skip, except on CI, where they fail."""
    try:
        server = PostgresServer.start()
    except PostgresServerError as reason:
        message = f"no PostgreSQL test server: {reason}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[PostgresDatabase]:
    """A fresh, empty database owned by a fresh login role that is not superuser but
    may create roles; PGPASSWORD holds the role's password. Afterwards the database
    is dropped, and so is every role created since, as roles belong to the cluster."""
    yield from _fresh_database(postgres_server, monkeypatch, role=None)


@pytest.fixture
def postgres_database_of_main(postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[PostgresDatabase]:
    """As postgres_database, owned by a role called main."""
    yield from _fresh_database(postgres_server, monkeypatch, role="main")


def _fresh_database(server: PostgresServer, monkeypatch: pytest.MonkeyPatch, *, role: str | None) -> Iterator[PostgresDatabase]:
    roles_before = server.role_names()
    suffix = secrets.token_hex(4)
    name, role = f"learnlog_test_{suffix}", role or f"learnlog_tester_{suffix}"
    database = PostgresDatabase(
        url=server.url(role, name), name=name, role=role, password=secrets.token_urlsafe(18)
    )
    server.create_role(role, database.password, createrole=True)
    server.create_database(name, owner=role)
    monkeypatch.setenv("PGPASSWORD", database.password)
    yield database
    server.drop_database(name)
    for leftover in sorted(server.role_names() - roles_before):
        server.drop_role(leftover)
