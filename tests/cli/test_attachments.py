"""Attachments: `learnlog log ... --attach FILE`, `learnlog attach ID FILE...` and
`learnlog attachment list|get|remove`. Files live inside the database, once per
content, and leave with the last entry that carries them.

Today is Wed 25 Nov 2026, 12:00; the journey started Fri 20 Nov 2026.
"""

import hashlib
import os
import stat

import pytest

pytestmark = pytest.mark.both_backends

CONTENT = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
"""Every byte value, CR and LF among them: only a byte-for-byte copy gets them right."""


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-m", "first", "--date", "2026-11-21")
    ok("log", "pandas", "-m", "second", "--date", "2026-11-22")


@pytest.fixture
def plot(tmp_path):
    path = tmp_path / "loss curve.png"
    path.write_bytes(CONTENT)
    return path


def sparse_file(path, size: int):
    with open(path, "wb") as file:
        file.truncate(size)  # sparse: nothing is really written
    return path


def listing(json_of) -> list[dict]:
    return json_of("attachment", "list", "--json")


def test_log_attach_stores_the_file_with_its_name_type_and_size(ok, json_of, plot):
    ok("init", "--start", "2026-11-20")

    ok("log", "matplotlib", "-k", "win", "-m", "first plot", "--attach", str(plot))

    assert listing(json_of) == [{
        "id": 1, "name": "loss curve.png", "media_type": "image/png", "size": len(CONTENT),
        "sha256": hashlib.sha256(CONTENT).hexdigest(), "notebook": None, "cell": None, "entries": [1],
    }]


def test_log_takes_several_attach_options(ok, json_of, plot, tmp_path):
    ok("init", "--start", "2026-11-20")
    notes = tmp_path / "notes.txt"
    notes.write_text("scratch")

    ok("log", "numpy", "--attach", str(plot), "-a", str(notes))

    assert [(item["name"], item["media_type"]) for item in listing(json_of)] == [
        ("loss curve.png", "image/png"), ("notes.txt", "text/plain"),
    ]


def test_attach_adds_files_to_an_existing_entry(journey, ok, json_of, plot, tmp_path):
    other = tmp_path / "trace.log"
    other.write_text("Traceback ...")

    said = ok("attach", "2", str(plot), str(other)).stdout

    assert said == (
        f"Attached #1 loss curve.png ({len(CONTENT):,} bytes) to entry #2.\n"
        "Attached #2 trace.log (13 bytes) to entry #2.\n"
    )
    assert [item["entries"] for item in listing(json_of)] == [[2], [2]]


def test_the_same_content_is_stored_once_however_many_entries_carry_it(journey, ok, json_of, plot, tmp_path):
    copy = tmp_path / "copy under another name.png"
    copy.write_bytes(CONTENT)

    ok("attach", "1", str(plot))
    ok("attach", "2", str(copy))
    ok("attach", "2", str(plot))

    (only,) = listing(json_of)
    assert (only["id"], only["name"], only["entries"]) == (1, "loss curve.png", [1, 2])


def test_entries_mark_the_entries_that_have_attachments(journey, ok, json_of, plot):
    ok("attach", "2", str(plot))

    table = ok("entries").stdout
    assert [entry["attachments"] for entry in json_of("entries", "--json")] == [1, 0]
    (second,) = [line for line in table.splitlines() if "second" in line]
    (first,) = [line for line in table.splitlines() if "first" in line]
    assert "[1 file]" in second and "file" not in first


def test_the_dashboards_recent_entries_mark_entries_with_attachments(journey, ok, plot):
    ok("attach", "2", str(plot))

    lines = ok("dashboard").stdout.splitlines()

    assert any("[file]" in line and "second" in line for line in lines)
    assert not any("[file]" in line and "first" in line for line in lines)


def test_a_file_over_10_mb_is_refused_and_nothing_is_written(journey, refused, journey_state, json_of, tmp_path):
    big = sparse_file(tmp_path / "huge.csv", 10 * 1024 * 1024 + 1)
    before = journey_state()

    assert refused("attach", "1", str(big)) == f"Error: cannot attach {big}: 10.0 MB is over the 10 MB limit"
    assert refused("log", "numpy", "--attach", str(big)).startswith(f"Error: cannot attach {big}:")
    assert journey_state() == before
    assert listing(json_of) == []


def test_a_bad_file_among_several_attaches_none_of_them(journey, refused, json_of, plot, tmp_path):
    assert "not a file" in refused("attach", "1", str(plot), str(tmp_path / "missing.png"))
    assert "not a file" in refused("attach", "1", str(plot), str(tmp_path))
    assert listing(json_of) == []


def test_attaching_to_an_entry_that_does_not_exist_is_refused(journey, refused, json_of, plot):
    assert refused("attach", "99", str(plot)) == "Error: no entry #99"
    assert listing(json_of) == []


def test_an_attachment_leaves_with_the_last_entry_that_carries_it(journey, ok, json_of, plot):
    ok("attach", "1", str(plot))
    ok("attach", "2", str(plot))

    ok("delete", "1", "--yes")
    assert [item["entries"] for item in listing(json_of)] == [[2]]

    ok("delete", "2", "--yes")
    assert listing(json_of) == []


def test_attachment_list_of_one_entry(journey, ok, json_of, plot, tmp_path):
    other = tmp_path / "trace.log"
    other.write_text("Traceback ...")
    ok("attach", "1", str(plot))
    ok("attach", "2", str(other))

    assert [item["name"] for item in json_of("attachment", "list", "2", "--json")] == ["trace.log"]
    assert "loss curve.png" in ok("attachment", "list").stdout
    assert ok("attachment", "list", "1").stdout == f"#1  loss curve.png  image/png  {len(CONTENT):,} bytes  (entry #1)\n"


def test_attachment_list_says_when_there_are_none(journey, ok):
    result = ok("attachment", "list")

    assert (result.stdout, result.stderr) == ("", "No attachments.\n")


def test_attachment_get_saves_it_byte_for_byte(journey, ok, plot, tmp_path):
    ok("attach", "1", str(plot))
    target = tmp_path / "saved.png"

    said = ok("attachment", "get", "1", "-o", str(target)).stdout

    assert target.read_bytes() == CONTENT
    assert said == f"Saved #1 to {target} ({len(CONTENT):,} bytes).\n"


def test_attachment_get_without_o_saves_under_its_own_name_in_the_working_folder(journey, ok, plot, tmp_path, monkeypatch):
    ok("attach", "1", str(plot))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)

    ok("attachment", "get", "1")

    assert (here / "loss curve.png").read_bytes() == CONTENT


def test_attachment_get_never_overwrites_a_file_without_force(journey, ok, refused, plot, tmp_path):
    ok("attach", "1", str(plot))
    target = tmp_path / "mine.png"
    target.write_bytes(b"mine")

    assert refused("attachment", "get", "1", "-o", str(target)) == f"Error: {target} exists: use --force to overwrite it"
    assert target.read_bytes() == b"mine"

    ok("attachment", "get", "1", "-o", str(target), "--force")
    assert target.read_bytes() == CONTENT


def test_attachment_get_without_o_never_overwrites_a_file_of_the_same_name(journey, ok, refused, plot, tmp_path, monkeypatch):
    ok("attach", "1", str(plot))
    monkeypatch.chdir(tmp_path)

    assert "exists: use --force" in refused("attachment", "get", "1")
    assert plot.read_bytes() == CONTENT


def test_attachment_get_follows_no_link_over_an_existing_file(journey, ok, refused, plot, tmp_path):
    ok("attach", "1", str(plot))
    precious = tmp_path / "precious"
    precious.write_bytes(b"keep")
    link = tmp_path / "out.png"
    link.symlink_to(precious)

    assert "exists: use --force" in refused("attachment", "get", "1", "-o", str(link))
    ok("attachment", "get", "1", "-o", str(link), "--force")

    assert precious.read_bytes() == b"keep"
    assert not link.is_symlink() and link.read_bytes() == CONTENT


def test_a_saved_attachment_gets_ordinary_permissions(journey, ok, plot, tmp_path):
    ok("attach", "1", str(plot))
    target = tmp_path / "saved.png"
    previous = os.umask(0o022)
    try:
        ok("attachment", "get", "1", "-o", str(target))
    finally:
        os.umask(previous)

    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_attachments_name_cannot_lead_attachment_get_out_of_the_working_folder(ok, tmp_path, monkeypatch):
    import json

    sneaky = {
        "format": "learnlog-journey", "version": 1, "journey": {"name": "main", "start": "2026-11-20"},
        "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "topics": [],
        "entries": [{
            "uid": "0c8a3c47-1a9e-4b47-bd8b-0fcf0d3f6a51", "date": "2026-11-21", "timestamp": "2026-11-21T10:00:00+00:00",
            "topic": "NumPy", "kind": "study",
            "attachments": [{"name": "../../escaped.txt", "media_type": "text/plain", "size": 2,
                             "sha256": hashlib.sha256(b"hi").hexdigest(), "content": "aGk="}],
        }],
    }
    (tmp_path / "sneaky.json").write_text(json.dumps(sneaky))
    ok("import", str(tmp_path / "sneaky.json"))
    here = tmp_path / "a" / "b"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)

    ok("attachment", "get", "1")

    assert (here / "escaped.txt").read_bytes() == b"hi"
    assert not (tmp_path / "escaped.txt").exists()


def test_attachment_remove_detaches_it_from_every_entry(journey, ok, json_of, plot):
    ok("attach", "1", str(plot))
    ok("attach", "2", str(plot))

    assert ok("attachment", "remove", "1").stdout == "Removed attachment #1 loss curve.png.\n"
    assert listing(json_of) == []
    assert [entry["attachments"] for entry in json_of("entries", "--json")] == [0, 0]
    assert len(json_of("entries", "--json")) == 2


@pytest.mark.parametrize(
    "args", [("attachment", "get", "7"), ("attachment", "remove", "7"), ("attachment", "list", "99")],
    ids=["get", "remove", "list"],
)
def test_an_unknown_attachment_or_entry_is_refused(journey, refused, args):
    assert refused(*args) in ("Error: no attachment #7 (see learnlog attachment list)", "Error: no entry #99")


def test_attachments_of_another_journey_are_out_of_reach(journey, ok, refused, plot, tmp_path):
    ok("attach", "1", str(plot))
    (tmp_path / "rust.json").write_text(
        '{"format": "learnlog-journey", "version": 1, "journey": {"name": "rust", "start": "2026-11-20"},'
        ' "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "topics": [], "entries": []}'
    )
    ok("import", str(tmp_path / "rust.json"))

    assert refused("--journey", "rust", "attachment", "get", "1", "-o", str(tmp_path / "x")).startswith("Error: no attachment #1")
    assert refused("--journey", "rust", "attachment", "remove", "1").startswith("Error: no attachment #1")
    assert ok("--journey", "rust", "attachment", "list").stdout == ""


@pytest.mark.sqlite_only  # traces SQLite's statements
def test_the_hot_read_paths_never_read_attachment_bytes(journey, ok, plot, monkeypatch):
    import learnlog.store.database as database

    statements: list[str] = []
    connect = database._connect

    def traced(path):
        connection = connect(path)
        connection.set_trace_callback(statements.append)
        return connection

    ok("attach", "1", str(plot))
    monkeypatch.setattr(database, "_connect", traced)

    for command in (("status",), ("entries",), ("dashboard",), ("log", "numpy"), ("attachment", "list")):
        ok(*command)

    assert statements
    assert not [sql for sql in statements if "content" in sql.lower()]
