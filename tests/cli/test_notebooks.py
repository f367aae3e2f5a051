"""Jupyter notebooks attached (`attach ID NB.ipynb`, `log --attach NB.ipynb`): the
notebook is kept, and each image in its outputs becomes an attachment of its own,
named after the notebook, its cell and its number there; `attachment list`,
`show`, `post draft`, the html report and the json document know where each came
from.

Today is Wed 25 Nov 2026, 12:00; the journey started Fri 20 Nov 2026.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys

import pytest

from learnlog.domain.records import MAX_ATTACHMENT_BYTES
from tests.notebooks import GIF, GREEN, RED, SVG, code, markdown, notebook, picture, regression_notebook, shown

pytestmark = pytest.mark.both_backends

REGRESSION = regression_notebook()
IMAGES = [  # (name, media type, cell, bytes) of 03-regression.ipynb's images
    ("03-regression-cell3-1.png", "image/png", 3, RED),
    ("03-regression-cell3-2.gif", "image/gif", 3, GIF),
    ("03-regression-cell5-1.svg", "image/svg+xml", 5, SVG),
]


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "lin reg", "-m", "fit a line by hand", "--date", "2026-11-21")
    ok("log", "numpy", "-m", "broadcasting", "--date", "2026-11-22")


@pytest.fixture
def regression(tmp_path):
    path = tmp_path / "03-regression.ipynb"
    path.write_bytes(REGRESSION)
    return path


def listing(json_of) -> list[dict]:
    return json_of("attachment", "list", "--json")


def origins(json_of) -> list[tuple]:
    return [(item["name"], item["media_type"], item["notebook"], item["cell"]) for item in listing(json_of)]


def test_attaching_a_notebook_keeps_it_and_each_image_of_its_outputs(journey, ok, json_of, regression):
    said = ok("attach", "1", str(regression)).stdout

    assert said == (
        f"Attached #1 03-regression.ipynb ({len(REGRESSION):,} bytes) to entry #1.\n"
        f"Attached #2 03-regression-cell3-1.png ({len(RED):,} bytes) to entry #1, from 03-regression.ipynb, cell 3.\n"
        f"Attached #3 03-regression-cell3-2.gif ({len(GIF):,} bytes) to entry #1, from 03-regression.ipynb, cell 3.\n"
        f"Attached #4 03-regression-cell5-1.svg ({len(SVG):,} bytes) to entry #1, from 03-regression.ipynb, cell 5.\n"
    )
    assert origins(json_of) == [
        ("03-regression.ipynb", "application/x-ipynb+json", None, None),
        *((name, kind, "03-regression.ipynb", cell) for name, kind, cell, _ in IMAGES),
    ]
    assert [item["sha256"] for item in listing(json_of)[1:]] == [
        hashlib.sha256(content).hexdigest() for *_, content in IMAGES
    ]
    assert [item["entries"] for item in listing(json_of)] == [[1]] * 4


def test_each_image_comes_back_byte_for_byte(journey, ok, regression, tmp_path):
    ok("attach", "1", str(regression))

    for number, (*_, content) in enumerate(IMAGES, start=2):
        ok("attachment", "get", str(number), "-o", str(tmp_path / f"{number}.out"))
        assert (tmp_path / f"{number}.out").read_bytes() == content


def test_no_images_keeps_the_notebook_alone(journey, ok, json_of, regression):
    said = ok("attach", "1", str(regression), "--no-images").stdout

    assert said == f"Attached #1 03-regression.ipynb ({len(REGRESSION):,} bytes) to entry #1.\n"
    assert origins(json_of) == [("03-regression.ipynb", "application/x-ipynb+json", None, None)]


def test_log_attach_takes_a_notebooks_images_and_says_so(journey, ok, json_of, regression):
    said = ok("log", "lin reg", "-m", "sklearn now", "--attach", str(regression)).stdout

    lines = said.splitlines()
    assert lines[0].startswith("Logged #3 · Day 5 · Linear Regression")
    assert lines[1:] == [
        f"Attached #2 03-regression-cell3-1.png ({len(RED):,} bytes) to entry #3, from 03-regression.ipynb, cell 3.",
        f"Attached #3 03-regression-cell3-2.gif ({len(GIF):,} bytes) to entry #3, from 03-regression.ipynb, cell 3.",
        f"Attached #4 03-regression-cell5-1.svg ({len(SVG):,} bytes) to entry #3, from 03-regression.ipynb, cell 5.",
    ]
    assert [item["entries"] for item in listing(json_of)] == [[3]] * 4


def test_log_attach_with_no_images_keeps_the_notebook_alone_and_says_no_more(journey, ok, json_of, regression, tmp_path):
    plot = tmp_path / "plot.png"
    plot.write_bytes(GREEN)

    said = ok("log", "lin reg", "--attach", str(regression), "--attach", str(plot), "--no-images").stdout

    assert said.count("\n") == 1 and said.startswith("Logged #3")
    assert [item["name"] for item in listing(json_of)] == ["03-regression.ipynb", "plot.png"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"not json", "not a Jupyter notebook (it is not JSON)", id="not-json"),
        pytest.param(b'{"metadata": {}}', "not a Jupyter notebook (it has no 'nbformat' version)", id="no-version"),
        pytest.param(
            b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code"}]}',
            "not a valid Jupyter notebook", id="schema",
        ),
    ],
)
@pytest.mark.parametrize("no_images", [False, True], ids=["images", "no-images"])
def test_an_invalid_notebook_is_refused_and_nothing_is_attached(
    journey, refused, journey_state, json_of, regression, tmp_path, content, reason, no_images
):
    broken = tmp_path / "broken.ipynb"
    broken.write_bytes(content)
    flags = ["--no-images"] if no_images else []
    before = journey_state()

    said = refused("attach", "1", str(regression), str(broken), *flags)
    assert said.startswith(f"Error: cannot attach {broken}: {reason}")
    assert refused("log", "numpy", "-a", str(regression), "-a", str(broken), *flags) == said
    assert journey_state() == before
    assert listing(json_of) == []


def test_a_notebook_over_50_mb_is_refused_unread(journey, refused, journey_state, json_of, tmp_path):
    huge = tmp_path / "huge.ipynb"
    with open(huge, "wb") as file:
        file.truncate(50 * 1024 * 1024 + 1)  # sparse: nothing is really written
    before = journey_state()

    assert refused("attach", "1", str(huge)) == (
        f"Error: cannot attach {huge}: 50.0 MB is over the 50 MB limit for a notebook"
    )
    assert refused("log", "numpy", "--attach", str(huge)).startswith(f"Error: cannot attach {huge}: 50.0 MB")
    assert journey_state() == before and listing(json_of) == []


def test_an_image_over_the_limit_is_left_out_and_named(journey, ok, json_of, tmp_path):
    path = tmp_path / "big.ipynb"
    path.write_bytes(notebook(code(picture(RED), picture(b"\x89PNG" + bytes(MAX_ATTACHMENT_BYTES)))))

    said = ok("attach", "1", str(path)).stdout.splitlines()

    # The notebook itself, that image in it, is over the limit too.
    assert said[0].startswith("Left out big.ipynb: 13.3 MB is over the 10 MB limit")
    assert said[-1] == "Left out big-cell1-2.png: 10.0 MB is over the 10 MB limit."
    assert [item["name"] for item in listing(json_of)] == ["big-cell1-1.png"]


def test_a_notebook_over_10_mb_gives_its_images_alone(journey, ok, refused, json_of, tmp_path):
    path = tmp_path / "heavy.ipynb"
    log_text = "x" * (MAX_ATTACHMENT_BYTES + 1)
    path.write_bytes(notebook(code(shown({"text/plain": log_text}), picture(RED))))
    size = path.stat().st_size / 1024 / 1024

    said = ok("attach", "1", str(path)).stdout.splitlines()

    assert said[0] == f"Left out heavy.ipynb: {size:.1f} MB is over the 10 MB limit (its images are attached)."
    assert said[1].startswith("Attached #1 heavy-cell1-1.png")
    assert [item["name"] for item in listing(json_of)] == ["heavy-cell1-1.png"]
    assert refused("attach", "1", str(path), "--no-images") == (
        f"Error: cannot attach {path}: {size:.1f} MB is over the 10 MB limit"
    )


def test_a_notebook_over_10_mb_without_images_is_refused(journey, refused, journey_state, tmp_path):
    path = tmp_path / "logs.ipynb"
    path.write_bytes(notebook(code(shown({"text/plain": "x" * (MAX_ATTACHMENT_BYTES + 1)}))))
    size = path.stat().st_size / 1024 / 1024
    before = journey_state()

    assert refused("attach", "1", str(path)) == (
        f"Error: cannot attach {path}: {size:.1f} MB is over the 10 MB limit,"
        " and its outputs hold no image to attach instead"
    )
    assert journey_state() == before


def test_images_already_in_the_journey_are_not_stored_twice_and_the_reply_says_so(
    journey, ok, json_of, regression, tmp_path
):
    plot = tmp_path / "loss.png"
    plot.write_bytes(RED)
    ok("attach", "2", str(plot))

    said = ok("attach", "1", str(regression)).stdout.splitlines()

    assert said[1] == "Already in the journey: 03-regression-cell3-1.png is #1 loss.png; attached it to entry #1."
    assert [item["name"] for item in listing(json_of)] == [
        "loss.png", "03-regression.ipynb", "03-regression-cell3-2.gif", "03-regression-cell5-1.svg",
    ]
    assert listing(json_of)[0]["entries"] == [1, 2]

    again = ok("attach", "1", str(regression)).stdout.splitlines()
    assert again == [
        "Already on entry #1: #2 03-regression.ipynb.",
        "Already on entry #1: 03-regression-cell3-1.png is #1 loss.png.",
        "Already on entry #1: #3 03-regression-cell3-2.gif.",
        "Already on entry #1: #4 03-regression-cell5-1.svg.",
    ]
    assert len(listing(json_of)) == 4


def test_an_image_repeated_within_a_notebook_is_stored_once(journey, ok, json_of, tmp_path):
    path = tmp_path / "again.ipynb"
    path.write_bytes(notebook(code(picture(RED)), markdown(), code(picture(RED))))

    said = ok("attach", "1", str(path)).stdout.splitlines()

    assert said[-1] == "Left out again-cell3-1.png: the same image as again-cell1-1.png."
    assert [item["name"] for item in listing(json_of)] == ["again.ipynb", "again-cell1-1.png"]


def test_names_taken_from_a_notebook_stay_names(journey, ok, json_of, tmp_path):
    path = tmp_path / "..ipynb"
    path.write_bytes(notebook(code(picture(RED))))

    ok("attach", "1", str(path))

    assert [item["name"] for item in listing(json_of)] == ["..ipynb", "notebook-cell1-1.png"]


def test_attachment_list_and_show_say_which_notebook_and_cell_an_image_came_from(journey, ok, regression):
    ok("attach", "1", str(regression))

    lines = ok("attachment", "list").stdout.splitlines()
    shown_lines = ok("show", "1").stdout.splitlines()
    entry_json = json.loads(ok("show", "1", "--json").stdout)

    assert lines[0] == f"#1  03-regression.ipynb  application/x-ipynb+json  {len(REGRESSION):,} bytes  (entry #1)"
    assert lines[1] == f"#2  03-regression-cell3-1.png  image/png  {len(RED):,} bytes  (entry #1)  from 03-regression.ipynb, cell 3"
    assert lines[3].endswith("(entry #1)  from 03-regression.ipynb, cell 5")
    assert f"Attachment #4: 03-regression-cell5-1.svg (image/svg+xml, {len(SVG):,} bytes), from 03-regression.ipynb, cell 5" in shown_lines
    assert [(item["notebook"], item["cell"]) for item in entry_json["attachments"]] == [
        (None, None), ("03-regression.ipynb", 3), ("03-regression.ipynb", 3), ("03-regression.ipynb", 5),
    ]


def two_versions(tmp_path):
    """03-regression.ipynb as it was (its plot in cell 5) and as it is now (a new
    plot in cell 3, the old one moved to cell 7): the old plot is in the journey
    before the new one, so only the cells put the new one first."""
    (tmp_path / "then").mkdir()
    (tmp_path / "now").mkdir()
    then = tmp_path / "then" / "03-regression.ipynb"
    then.write_bytes(notebook(markdown(), markdown(), markdown(), markdown(), code(picture(RED))))
    now = tmp_path / "now" / "03-regression.ipynb"
    now.write_bytes(notebook(markdown(), markdown(), code(picture(GREEN)), *(markdown() for _ in range(3)), code(picture(RED))))
    return then, now


def item_lines(text: str, note: str) -> list[str]:
    """The lines of the draft's item whose note is `note`, the note's own left out."""
    lines = text.splitlines()
    start = lines.index(f"- {note}") + 1
    end = next(index for index in range(start, len(lines)) if not lines[index].startswith("  "))
    return [line.strip() for line in lines[start:end]]


def test_post_draft_embeds_a_notebooks_images_under_its_entry_in_cell_order(journey, ok, tmp_path, monkeypatch):
    then, now = two_versions(tmp_path)
    ok("attach", "2", str(then))
    ok("attach", "1", str(now))
    monkeypatch.chdir(tmp_path)

    ok("post", "draft", "-o", "day-5.md")
    text = (tmp_path / "day-5.md").read_text()

    assert item_lines(text, "fit a line by hand") == [
        "[03-regression.ipynb](day-5-assets/3-03-regression.ipynb)",
        "![03-regression-cell3-1.png](day-5-assets/4-03-regression-cell3-1.png)",
        "![03-regression-cell5-1.png](day-5-assets/2-03-regression-cell5-1.png)",
    ]
    assert (tmp_path / "day-5-assets" / "4-03-regression-cell3-1.png").read_bytes() == GREEN
    assert (tmp_path / "day-5-assets" / "2-03-regression-cell5-1.png").read_bytes() == RED


def test_post_draft_embeds_gif_and_svg_images_too(journey, ok, regression, tmp_path, monkeypatch):
    ok("attach", "1", str(regression))
    monkeypatch.chdir(tmp_path)

    ok("post", "draft", "--assets", "assets")
    text = ok("post", "draft", "--assets", "assets", "--force").stdout

    assert item_lines(text, "fit a line by hand") == [
        "[03-regression.ipynb](assets/1-03-regression.ipynb)",
        *(f"![{name}](assets/{number}-{name})" for number, (name, *_) in enumerate(IMAGES, start=2)),
    ]
    for number, (name, *_, content) in enumerate(IMAGES, start=2):
        assert (tmp_path / "assets" / f"{number}-{name}").read_bytes() == content


def test_the_html_report_embeds_a_notebooks_images_in_cell_order(journey, ok, tmp_path):
    then, now = two_versions(tmp_path)
    ok("attach", "2", str(then))
    ok("attach", "1", str(now))

    page = ok("export", "--format", "html").stdout

    first_entry = page[page.index("fit a line by hand"):page.index("broadcasting")]
    embedded = re.findall(r'<img src="data:([^;]+);base64,([^"]+)" alt="([^"]+)"', first_entry)
    assert [(kind, base64.b64decode(data), name) for kind, data, name in embedded] == [
        ("image/png", GREEN, "03-regression-cell3-1.png"),
        ("image/png", RED, "03-regression-cell5-1.png"),
    ]


def test_the_json_document_carries_each_attachments_notebook_and_cell_and_import_takes_them_back(
    journey, ok, json_of, regression, tmp_path
):
    ok("attach", "1", str(regression))
    exported = tmp_path / "journey.json"
    ok("export", "--with-attachments", "-o", str(exported))
    document = json.loads(exported.read_text())
    other = str(tmp_path / "other.db")

    (first, _) = document["entries"]
    assert document["version"] == 4
    assert [(item["name"], item["notebook"], item["cell"]) for item in first["attachments"]] == [
        ("03-regression.ipynb", None, None), *((name, "03-regression.ipynb", cell) for name, _, cell, _ in IMAGES),
    ]
    assert "4 attachments restored" in ok("--db", other, "import", str(exported)).stdout
    assert json_of("--db", other, "attachment", "list", "--json") == listing(json_of)
    assert ok("--db", other, "export", "--with-attachments").stdout == exported.read_text()


def test_a_version_3_document_still_imports_its_attachments_without_an_origin(ok, json_of, tmp_path):
    document = {
        "format": "learnlog-journey", "version": 3, "journey": {"name": "main", "start": "2026-11-20"},
        "settings": {}, "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "excused": [],
        "topics": [{"name": "NumPy", "area": None, "target_hours": None, "archived": False, "curriculum": None}],
        "entries": [{
            "uid": "0c8a3c47-1a9e-4b47-bd8b-0fcf0d3f6a51", "date": "2026-11-21",
            "timestamp": "2026-11-21T10:00:00+00:00", "topic": "NumPy", "minutes": 30, "kind": "study",
            "note": "plots", "tags": [], "link": None, "confidence": None,
            "attachments": [{"name": "plot.png", "media_type": "image/png", "size": len(RED),
                             "sha256": hashlib.sha256(RED).hexdigest(), "content": base64.b64encode(RED).decode()}],
        }],
    }
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(document))

    assert "1 attachment restored" in ok("import", str(path)).stdout
    (item,) = listing(json_of)
    assert (item["name"], item["notebook"], item["cell"]) == ("plot.png", None, None)


def document_with_attachment(**fields) -> dict:
    return {
        "format": "learnlog-journey", "version": 4, "journey": {"name": "main", "start": "2026-11-20"},
        "settings": {}, "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "excused": [],
        "topics": [], "entries": [{
            "uid": "0c8a3c47-1a9e-4b47-bd8b-0fcf0d3f6a51", "date": "2026-11-21",
            "timestamp": "2026-11-21T10:00:00+00:00", "topic": "NumPy", "minutes": 30, "kind": "study",
            "note": None, "tags": [], "link": None, "confidence": None,
            "attachments": [{"name": "nb-cell1-1.png", "media_type": "image/png", "size": len(RED),
                             "sha256": hashlib.sha256(RED).hexdigest(), **fields}],
        }],
    }


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"notebook": "nb.ipynb"}, "'notebook' and 'cell' come together"),
        ({"cell": 3}, "'notebook' and 'cell' come together"),
        ({"notebook": "nb.ipynb", "cell": 0}, "'cell' counts a notebook's cells from 1 (to 2,147,483,647), not 0"),
        ({"notebook": "nb.ipynb", "cell": 2**31}, "'cell' counts a notebook's cells from 1"),
        ({"notebook": "nb.ipynb", "cell": "3"}, "'cell' must be int"),
        ({"notebook": "nb.ipynb", "cell": True}, "'cell' must be int"),
        ({"notebook": "", "cell": 1}, "'notebook' cannot be empty"),
        ({"notebook": "n" * 256, "cell": 1}, "'notebook' is longer than 255 characters"),
    ],
)
def test_an_attachments_origin_in_a_document_is_checked(ok, refused, tmp_path, fields, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document_with_attachment(**fields)))

    said = refused("import", str(path))

    assert said.startswith("Error: entry 1, attachment 1: ") and message in said
    assert refused("status").startswith("Error: ")  # no journey was created


@pytest.mark.sqlite_only
def test_log_and_attach_without_a_notebook_do_not_load_nbformat(journey, database, tmp_path):
    plot = tmp_path / "plot.png"
    plot.write_bytes(RED)
    probe = (
        "import sys\n"
        "from learnlog.__main__ import main\n"
        "for args in (['log', 'numpy', '-m', 'x'], ['log', 'numpy', '--attach', sys.argv[1]], ['attach', '1', sys.argv[1]]):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('loaded:', sorted(m for m in sys.modules if m.split('.')[0] in ('nbformat', 'jsonschema')), file=sys.stderr)\n"
    )
    env = {"LEARNLOG_DB": database, "LEARNLOG_TODAY": "2026-11-25", "PATH": "/usr/bin:/bin"}

    result = subprocess.run([sys.executable, "-c", probe, str(plot)], capture_output=True, text=True, env=env)

    assert result.stderr.splitlines()[-1] == "loaded: []", result.stderr
    assert result.stdout.count("Logged #") == 2 and "Already in the journey: #1 plot.png; attached it to entry #1." in result.stdout
