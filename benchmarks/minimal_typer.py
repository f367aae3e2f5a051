"""The Typer floor: the least a Typer command that writes one row can cost.

A learnlog command that does real work is measured against this: it starts
Python, imports Typer, parses one option, and writes one row with the standard
library's sqlite3.

Example:
  MINIMAL_TYPER_DB=/tmp/floor.db python benchmarks/minimal_typer.py --note "one row"
"""

import sqlite3
from datetime import datetime
from pathlib import Path

import typer

app = typer.Typer()


@app.command()
def log(
    note: str = typer.Option("benchmark", help="The note to store."),
    db: Path = typer.Option(..., envvar="MINIMAL_TYPER_DB", help="The SQLite file to write to."),
) -> None:
    """Store one note with the moment it was logged, and say which row it became."""
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE IF NOT EXISTS entry (id INTEGER PRIMARY KEY, logged_at TEXT, note TEXT)")
    cursor = connection.execute(
        "INSERT INTO entry (logged_at, note) VALUES (?, ?)", (datetime.now().isoformat(timespec="seconds"), note)
    )
    connection.commit()
    connection.close()
    print(f"Logged #{cursor.lastrowid}: {note}")


if __name__ == "__main__":
    app()
