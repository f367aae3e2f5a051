"""Databases as older learnlogs left them, for upgrade tests."""

import sqlite3
from pathlib import Path

from learnlog.store.sqlite_file import KNOWN_REVISIONS
from learnlog.store.migrate import upgrade_sqlite


def make_first_revision_database(path: Path) -> dict[str, int]:
    """A database at the first schema revision holding a little of everything;
    returns the row count of each table."""
    upgrade_sqlite(path, KNOWN_REVISIONS[0])
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO journey (id, name, start, created_at) VALUES (1, 'main', '2026-11-01', 'x')"
        )
        connection.execute(
            "INSERT INTO cadence_rule (journey_id, effective, every, counts) VALUES (1, '2026-11-01', 3, 'any')"
        )
        connection.execute(
            "INSERT INTO topic (id, journey_id, name, name_key, archived, created_at)"
            " VALUES (1, 1, 'NumPy', 'numpy', 0, 'x')"
        )
        for number in range(1, 51):
            connection.execute(
                "INSERT INTO entry (uid, journey_id, topic_id, day, logged_at, minutes, kind,"
                " created_at, updated_at) VALUES (?, 1, 1, '2026-11-02', '2026-11-02T12:00:00+00:00',"
                " 30, 'study', 'x', 'x')",
                (f"uid-{number}",),
            )
            connection.execute("INSERT INTO entry_tag (entry_id, tag) VALUES (?, 'arrays')", (number,))
        connection.execute(
            "INSERT INTO excused_day (journey_id, day, late, created_at) VALUES (1, '2026-11-05', 0, 'x')"
        )
        connection.execute("INSERT INTO setting (journey_id, name, value) VALUES (1, 'default-duration', '45m')")
    counts = {
        table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("journey", "cadence_rule", "topic", "entry", "entry_tag", "excused_day", "setting")
    }
    connection.close()
    return counts
