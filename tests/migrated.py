"""New SQLite databases for the tests that run learnlog in their own process,
made once per process by the migrations, then copied."""

from pathlib import Path

import pytest

_MIGRATED: list[bytes] = []
"""The bytes of a new SQLite file as this process's first `init` migrated it."""


def migrate_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every new SQLite database in this process a copy of the first one.

    Replaying the ten migrations costs an in-process `init` about 75 ms: about two
    minutes of the suite's processor time when every test's journey replayed
    them (the SQLite tests' set-up took 309 s in all, 161 s with copies). Only that one step of
    creating a database is replaced: the file is still made beside its place,
    0600, under the folder's lock, and renamed into place by learnlog's own code,
    and the first file of each worker is migrated for real. A test marked
    real_migrations replays them every time, and
    tests/store/test_migrated_copies.py holds a copy equal to a fresh migration."""
    from learnlog.store import migrate

    replay = migrate.create_schema

    def create_schema(path: Path, *, shown: Path | None = None) -> None:
        if _MIGRATED:
            path.write_bytes(_MIGRATED[0])
            return
        replay(path, shown=shown)
        if not Path(f"{path}-wal").exists():
            _MIGRATED.append(path.read_bytes())

    monkeypatch.setattr(migrate, "create_schema", create_schema)
