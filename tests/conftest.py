import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from learnlog.__main__ import main

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


@pytest.fixture
def learnlog(db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run learnlog through its real entry point, in this process, on a fresh
    database, with "today" fixed; returns exit code, stdout and stderr."""
    monkeypatch.setenv("LEARNLOG_DB", str(db_path))
    monkeypatch.setenv("LEARNLOG_TODAY", "2026-11-25")
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
