"""What --db accepts as a database URL, and what it refuses before connecting."""

from __future__ import annotations

import pytest

from learnlog.errors import InputError
from learnlog.store.location import Location, ServerLocation, resolve_location, server_location
from learnlog.store.prompt_cache import cache_key

ACCEPTED = [
    ("postgresql+psycopg://ada@db.example.org/learning", "postgresql+psycopg://ada@db.example.org/learning"),
    ("postgresql://ada@db.example.org:5433/learning", "postgresql+psycopg://ada@db.example.org:5433/learning"),
    ("postgres://ada@localhost/learning?sslmode=require", "postgresql+psycopg://ada@localhost/learning?sslmode=require"),
    ("POSTGRESQL://ada@localhost/learning", "postgresql+psycopg://ada@localhost/learning"),
]


@pytest.mark.parametrize(("given", "kept"), ACCEPTED)
def test_a_postgresql_url_is_kept_with_one_spelling_of_its_scheme(given, kept):
    assert server_location(given) == ServerLocation(kept)
    assert resolve_location(given) == ServerLocation(kept)


REFUSED = [
    ("postgresql://ada:hunter2@db/learning", "the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass"),
    ("postgresql://ada@db/learning?password=hunter2", "the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass"),
    ("postgresql://ada@db/learning?PASSWORD=", "the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass"),
    ("postgresql://ada@db/learning?sslpassword=hunter2", "the database URL holds a password: leave it out, and put it in PGPASSWORD or ~/.pgpass"),
    ("mysql://ada@db/learning", "learnlog cannot use mysql:// databases: give --db a file path or a postgresql+psycopg://USER@HOST[:PORT]/DBNAME URL"),
    ("sqlite:///tmp/x.db", "learnlog cannot use sqlite:// databases: give --db a file path or a postgresql+psycopg://USER@HOST[:PORT]/DBNAME URL"),
    ("postgresql://ada@db", "the database URL names no database: use postgresql+psycopg://USER@HOST[:PORT]/DBNAME"),
    ("postgresql://ada@db/", "the database URL names no database: use postgresql+psycopg://USER@HOST[:PORT]/DBNAME"),
    ("postgresql://ada@db:port/learning", "not a database URL (Port could not be cast to integer value as 'port'): use postgresql+psycopg://USER@HOST[:PORT]/DBNAME"),
]


@pytest.mark.parametrize(("given", "message"), REFUSED)
def test_a_url_learnlog_cannot_use_is_refused_without_showing_a_password(given, message):
    with pytest.raises(InputError) as refusal:
        server_location(given)
    assert str(refusal.value) == message
    assert "hunter2" not in str(refusal.value)


def test_a_path_stays_a_file():
    assert isinstance(resolve_location("journey.db"), Location)


@pytest.mark.parametrize(
    "spelling", ["postgresql://ada@db/learning", "postgres://ada@db/learning", "postgresql+psycopg://ada@db/learning?"]
)
def test_the_prompt_cache_key_is_the_same_however_the_url_is_spelled(spelling):
    assert cache_key(server_location(spelling), None) == "postgresql+psycopg://ada@db/learning "
    assert cache_key(server_location(spelling), "kaggle") == "postgresql+psycopg://ada@db/learning kaggle"


def test_without_psycopg_a_database_url_names_the_extra_to_install(monkeypatch, capsys):
    import sys

    from learnlog.__main__ import main

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    monkeypatch.delitem(sys.modules, "learnlog.store.server", raising=False)
    with pytest.raises(SystemExit) as exit:
        main(["--db", "postgresql+psycopg://ada@db.example.org/learning", "status"])
    assert exit.value.code == 1
    assert capsys.readouterr().err == (
        "Error: PostgreSQL needs psycopg: install learnlog with pip install 'learnlog[postgres]'\n"
    )
