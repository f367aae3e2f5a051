"""What the site's tests share: the sample journey and a hostile one, a small DOM
of a page, and reading a site's folder. Imported by this name, not as conftest:
every test folder has a conftest, and `from conftest import` finds another."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from dom import Element, parse  # noqa: F401 - the site tests take them from here

TESTS = Path(__file__).resolve().parent.parent
SAMPLE = TESTS.parent / "data" / "samples" / "ml-journey.json"

_spec = importlib.util.spec_from_file_location("cli_fixtures", TESTS / "cli" / "conftest.py")
_cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cli)
ok, refused, json_of, journey_state = _cli.ok, _cli.refused, _cli.json_of, _cli.journey_state

SCRIPT = "<script>alert(1)</script>"
BROKEN_ATTRIBUTE = '"><img src=x onerror=alert(1)>'
BIDI = "\u202eevil\u2066"
LOCAL_PATH = "/home/alice/secret/diary.md"
PRIVATE_NOTE = "PRIVATE-NOTE: my salary is 1234"
PRIVATE_POST = "PRIVATE-POST: the draft nobody sees"
PUBLIC_NOTE = f"PUBLIC-NOTE {SCRIPT} & 'quotes' \"double\" {BIDI} at {LOCAL_PATH}"
HOSTILE_TITLE = f"{SCRIPT} Tom & Jerry's \"site\" {BIDI}"


def hostile_document() -> dict:
    """A journey with markup, scripts, quotes, ampersands, bidi controls and local
    paths in every text field, and entries tagged private (one of them a post, one a
    question with an answer)."""
    def entry(uid: int, day: str, **fields) -> dict:
        return {
            "uid": f"00000000-0000-4000-8000-{uid:012d}", "date": day, "timestamp": f"{day}T20:00:00+00:00",
            "topic": None, "minutes": None, "kind": "study", "note": None, "tags": [], "link": None,
            "confidence": None, **fields,
        }

    topic = f"{SCRIPT} & Co"
    return {
        "format": "learnlog-journey", "version": 3,
        "journey": {"name": f"{SCRIPT} journey at {LOCAL_PATH}", "start": "2026-11-01"},
        "settings": {}, "cadence": [{"effective": "2026-11-01", "every": 3, "counts": "any"}],
        "excused": [{"date": "2026-11-20", "reason": f"{SCRIPT} {LOCAL_PATH}", "late": False}],
        "topics": [
            {"name": topic, "area": BROKEN_ATTRIBUTE, "target_hours": 10, "archived": False, "curriculum": None},
            {"name": "Paths & Quotes", "area": None, "target_hours": None, "archived": False, "curriculum": None},
        ],
        "entries": [
            entry(1, "2026-11-01", topic=topic, minutes=60, note=PUBLIC_NOTE, tags=[f"tag{SCRIPT}"],
                  link='https://example.com/"><script>alert(2)</script>'),
            entry(2, "2026-11-03", topic="Paths & Quotes", minutes=30, kind="bug", note=f"bug at {LOCAL_PATH} {SCRIPT}",
                  resolution={"date": "2026-11-10", "timestamp": "2026-11-10T20:00:00+00:00",
                              "note": f"FIXED-NOTE {BROKEN_ATTRIBUTE}", "link": "https://example.com/fix"}),
            entry(3, "2026-11-05", kind="post", note=f"POST-TITLE {HOSTILE_TITLE}",
                  link="https://blog.example.com/day-4?a=1&b=2", tags=["learninpublic"]),
            entry(4, "2026-11-08", topic=topic, minutes=90, note=PRIVATE_NOTE, tags=["Private"]),
            entry(5, "2026-11-12", kind="post", note=PRIVATE_POST, link="https://blog.example.com/secret",
                  tags=["private"]),
            entry(6, "2026-11-14", topic=topic, minutes=45, kind="confusion", note="PRIVATE-QUESTION why?",
                  tags=["private"], resolution={"date": "2026-11-20", "timestamp": "2026-11-20T20:00:00+00:00",
                                                "note": "PRIVATE-ANSWER because", "link": None}),
            entry(7, "2026-11-24", topic=topic, minutes=20, note=f"RECENT-NOTE {SCRIPT}"),
        ],
    }


@pytest.fixture
def sample(ok) -> None:
    """The sample journey (ten weeks of machine learning), as of Wed 25 Nov 2026."""
    ok("import", str(SAMPLE))


@pytest.fixture
def hostile(ok, tmp_path: Path) -> None:
    """The hostile journey, with a hostile attachment on its first entry."""
    document = tmp_path / "hostile.json"
    document.write_text(json.dumps(hostile_document()), encoding="utf-8")
    ok("import", str(document))
    attachment = tmp_path / f"{SCRIPT.replace('/', '')}.txt"
    attachment.write_text("attached", encoding="utf-8")
    ok("attach", "1", str(attachment))


@pytest.fixture
def build(ok, tmp_path: Path) -> Callable[..., Path]:
    """Build the site into `folder` (tmp_path/site by default); returns the folder."""

    def run(*options: str, folder: Path | None = None) -> Path:
        target = folder or tmp_path / "site"
        ok("site", "build", str(target), *options)
        return target

    return run


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, as bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


