"""What the site's tests share: the sample journey and a hostile one, a small DOM
of a page, and reading a site's folder. Imported by this name, not as conftest:
every test folder has a conftest, and `from conftest import` finds another."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

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


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, class_: str | None = None) -> list[Element]:
        return [
            element for element in self.iter()
            if element.tag == tag and (class_ is None or class_ in (element.attrs.get("class") or "").split())
        ]

    def find(self, tag: str, class_: str | None = None) -> Element:
        found = self.find_all(tag, class_)
        assert found, f"no <{tag} class={class_!r}> in the page"
        return found[0]

    def by_id(self, id_: str) -> Element:
        found = [element for element in self.iter() if element.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]


class _TreeBuilder(HTMLParser):
    VOID = {"meta", "img", "br", "hr", "input", "link", "source", "base", "col", "wbr", "rect", "stop"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(page: str) -> Element:
    """Just enough of a DOM to ask a page questions: elements, attributes, text."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root
