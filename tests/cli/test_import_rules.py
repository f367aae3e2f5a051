"""Every way in holds the same rules: what `log`, `skip` and `attach` refuse, an
import of learnlog's json, of csv or of jrnl's JSON refuses too, naming the first
bad record and importing nothing. One table of bad values, each written in every
format that can carry it.

Today is Wed 25 Nov 2026, 12:00; the journey started Fri 20 Nov 2026 (Day 0).
"""

import json
from pathlib import Path

import pytest

from tests.cli.test_import import UID, document, entry, jrnl, jrnl_entry

pytestmark = pytest.mark.both_backends

LONG_NOTE = "n" * 20_001
LONE = "\ud800"
"""A lone surrogate: JSON can write it ("\\ud800"), UTF-8 cannot, so no csv file holds one."""


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")


def as_json(*, excused: list | None = None, topics: list | None = None, **bad) -> dict:
    """A journey document for the journey 'main' whose third entry has `bad` fields."""
    changes = {"excused": excused} if excused is not None else {}
    if topics is not None:
        changes["topics"] = topics
    return document(entry(1), entry(2), entry(3, **bad), **changes)


def as_csv(**bad) -> str:
    """A csv file whose fourth row (the third entry) has `bad` cells."""
    columns = ["date", "timestamp", "topic", "note", "tags"]
    good = {"date": "2026-11-21", "timestamp": "", "topic": "numpy", "note": "fine", "tags": ""}
    rows = [good, {**good, "date": "2026-11-22"}, {**good, "date": "2026-11-23", **bad}]
    return "\n".join([",".join(columns), *(",".join(row[column] for column in columns) for row in rows)]) + "\n"


def as_jrnl(**bad) -> dict:
    """A jrnl export whose third entry has `bad` fields."""
    return jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(**{"date": "2026-11-23", **bad}))


# Each case: (id, {format: content}, message). The refusal starts with the name
# of the bad record ("entry 3", "row 4" or "jrnl entry 3") and holds the message.
CASES = [
    ("in the future", {
        "json": as_json(date="9999-12-31", timestamp="9999-12-31T10:00:00+00:00"),
        "csv": as_csv(date="9999-12-31"),
        "jrnl": as_jrnl(date="9999-12-31"),
    }, "9999-12-31 is in the future (today is 2026-11-25)"),
    ("later today than now", {
        "json": as_json(date="2026-11-25", timestamp="2026-11-25T23:00:00+00:00"),
        "csv": as_csv(date="2026-11-25", timestamp="2026-11-25T23:00:00+00:00"),
        "jrnl": as_jrnl(date="2026-11-25", time="23:59"),
    }, "today is later than now"),
    ("before the start", {
        "json": as_json(date="2026-11-15", timestamp="2026-11-15T10:00:00+00:00"),
    }, "2026-11-15 is before the journey started (2026-11-20)"),
    ("a note over the limit", {
        "json": as_json(note=LONG_NOTE),
        "csv": as_csv(note=LONG_NOTE),
        "jrnl": as_jrnl(title=LONG_NOTE),
    }, "a note is at most 20000 characters"),
    ("a lone surrogate in a note", {
        "json": as_json(note=f"bad {LONE} note"),
        "jrnl": as_jrnl(body=f"bad {LONE} note"),
    }, "is not UTF-8 text"),
    ("a lone surrogate in a jrnl title", {
        "jrnl": as_jrnl(title=f"bad {LONE} title"),
    }, "is not UTF-8 text"),
    ("a lone surrogate in a link", {
        "json": as_json(link=f"https://example.com/{LONE}"),
    }, "is not UTF-8 text"),
    ("a lone surrogate in a topic name", {
        "json": as_json(topic=f"Num{LONE}Py"),
        "jrnl": as_jrnl(tags=[f"@num{LONE}py"]),
    }, "is not UTF-8 text"),
    ("a lone surrogate in a tag", {
        "json": as_json(tags=[f"t{LONE}"]),
        "jrnl": as_jrnl(tags=["@numpy", f"@t{LONE}"]),
    }, "is not UTF-8 text"),
    ("a topic name too long", {
        "json": as_json(topic="T" * 81),
        "csv": as_csv(topic="T" * 81),
        "jrnl": as_jrnl(tags=["@" + "t" * 81]),
    }, "a topic name is at most 80 characters"),
    ("a NUL character", {
        "json": as_json(note="nul \x00 inside"),
        "csv": as_csv(note="nul \x00 inside"),
    }, "'note' contains a NUL character"),
]

# Records a journey document has besides entries, named as such.
DOCUMENT_CASES = [
    ("an excused day in year 9999",
     as_json(excused=[{"date": "2026-11-24", "reason": "flu", "late": False},
                      {"date": "9999-12-31", "reason": None, "late": False}]),
     "excused day 2: 9999-12-31 is too far ahead: excuse days at most 366 days ahead (until 2027-11-26)"),
    ("an excused day before the start",
     as_json(excused=[{"date": "2026-11-19", "reason": None, "late": True}]),
     "excused day 1: the journey starts on 2026-11-20"),
    ("a reason over the limit",
     as_json(excused=[{"date": "2026-11-24", "reason": LONG_NOTE, "late": False}]),
     "excused day 1: a note is at most 20000 characters"),
    ("a lone surrogate in a reason",
     as_json(excused=[{"date": "2026-11-24", "reason": f"flu {LONE}", "late": False}]),
     "excused day 1: 'reason' is not UTF-8 text"),
    ("a lone surrogate in a listed topic",
     as_json(topics=[{"name": f"Num{LONE}Py"}]),
     "topic 1: 'name' is not UTF-8 text"),
    ("a lone surrogate in an area",
     as_json(topics=[{"name": "NumPy", "area": f"Ba{LONE}sics"}]),
     "topic 1: 'area' is not UTF-8 text"),
    ("a lone surrogate in an attachment name",
     document(entry(1), entry(2), entry(3, attachments=[{"name": f"plot{LONE}.png", "media_type": "image/png",
                                                          "size": 1, "sha256": "0" * 64}])),
     "entry 3, attachment 1: 'name' is not UTF-8 text"),
    ("a journey that starts in the future",
     document(entry(1), journey={"name": "main", "start": "9999-01-01"},
              cadence=[{"effective": "9999-01-01", "every": 3, "counts": "any"}]),
     "journey: a journey cannot start in the future (9999-01-01)"),
    ("entries before the start of the journey they go into",
     document(entry(1), entry(2), entry(3, date="2026-11-05", timestamp="2026-11-05T10:00:00+00:00"),
              journey={"name": "main", "start": "2026-11-01"},
              cadence=[{"effective": "2026-11-01", "every": 3, "counts": "any"}]),
     "entry 3: 2026-11-05 is before the journey started (2026-11-20)"),
]

# What only csv and jrnl files can get wrong: their own text, and a time placed in
# the local time zone, which has no room for the first hour of year 1.
FOREIGN_CASES = [
    ("a naive timestamp in year 1, with --move-start", "csv",
     "date,timestamp,topic\n2026-11-21,,numpy\n0001-01-01,0001-01-01T00:00:00,numpy\n", ("--move-start",),
     "row 3: date out of range: 0001-01-01"),
    ("a date and time in year 1, with --move-start", "jrnl",
     jrnl(jrnl_entry(), jrnl_entry(date="0001-01-01", time="00:00")), ("--move-start",),
     "jrnl entry 2: date out of range: 0001-01-01"),
    ("a csv cut off inside a quoted cell", "csv",
     'date,topic,note\n2026-11-21,numpy,fine\n2026-11-22,numpy,fine\n2026-11-23,numpy,"cut off\n', (),
     "row 4: not readable as CSV (unexpected end of data)"),
    ("a csv with text after a closing quote", "csv",
     'date,topic,note\n2026-11-21,numpy,"closed"then more\n', (),
     "row 2: not readable as CSV"),
]

LABELS = {"json": "entry 3", "csv": "row 4", "jrnl": "jrnl entry 3"}


def write(path: Path, content: object) -> str:
    # ensure_ascii (the default) writes a lone surrogate as the escape "\ud800".
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    return str(path)


TABLE = [
    pytest.param(format, content, message, id=f"{case}-{format}")
    for case, contents, message in CASES
    for format, content in contents.items()
]


@pytest.mark.parametrize(("format", "content", "message"), TABLE)
def test_an_import_refuses_what_log_refuses_naming_the_record_and_imports_nothing(
    journey, ok, refused, journey_state, tmp_path, format, content, message
):
    ok("log", "numpy", "-m", "already here")
    before = journey_state()

    line = refused("import", write(tmp_path / f"bad.{format}", content), "--format", format)

    assert line.startswith(f"Error: {LABELS[format]}: ")
    assert message in line
    assert journey_state() == before


@pytest.mark.parametrize(
    ("content", "message"), [pytest.param(content, message, id=case) for case, content, message in DOCUMENT_CASES]
)
def test_a_json_document_is_held_to_the_rules_of_skip_init_and_names_too(
    journey, ok, refused, journey_state, tmp_path, content, message
):
    ok("log", "numpy", "-m", "already here")
    before = journey_state()

    assert message in refused("import", write(tmp_path / "bad.json", content))
    assert journey_state() == before


@pytest.mark.parametrize(
    ("format", "content", "extra", "message"),
    [pytest.param(format, content, extra, message, id=case) for case, format, content, extra, message in FOREIGN_CASES],
)
def test_a_foreign_file_that_cannot_be_read_whole_is_refused_naming_the_record(
    journey, ok, refused, journey_state, tmp_path, format, content, extra, message
):
    ok("log", "numpy", "-m", "already here")
    before = journey_state()

    assert message in refused("import", write(tmp_path / f"bad.{format}", content), "--format", format, *extra)
    assert journey_state() == before


# --- csv rows without a uid ------------------------------------------------------------


def test_csv_rows_that_differ_in_any_field_are_different_entries_and_a_second_import_adds_none(journey, ok, json_of, tmp_path):
    path = write(tmp_path / "sheet.csv", (
        "date,topic,minutes,kind\n2026-11-21,NumPy,30,study\n2026-11-21,NumPy,90,bug\n"
        "2026-11-22,Pandas,45,study\n2026-11-22,Pandas,20,win\n"
    ))

    assert ok("import", path).stdout == "Added 4 entries to journey 'main'.\n"
    assert ok("import", path).stdout == "Added 0 entries to journey 'main'; skipped 4 already there.\n"
    assert sorted((e["date"], e["topic"], e["minutes"], e["kind"]) for e in json_of("entries", "--json", "--all")) == [
        ("2026-11-21", "NumPy", 30, "study"), ("2026-11-21", "NumPy", 90, "bug"),
        ("2026-11-22", "Pandas", 20, "win"), ("2026-11-22", "Pandas", 45, "study"),
    ]


def test_identical_csv_rows_are_as_many_entries_and_a_second_import_adds_none(journey, ok, json_of, tmp_path):
    path = write(tmp_path / "twice.csv", "date,topic,minutes\n2026-11-21,NumPy,30\n2026-11-21,NumPy,30\n")

    assert ok("import", path).stdout == "Added 2 entries to journey 'main'.\n"
    assert ok("import", path).stdout == "Added 0 entries to journey 'main'; skipped 2 already there.\n"
    assert len(json_of("entries", "--json", "--all")) == 2


def test_a_csv_row_added_to_a_file_already_imported_is_the_only_one_added(journey, ok, tmp_path):
    rows = "date,topic,minutes\n2026-11-21,NumPy,30\n2026-11-21,NumPy,30\n"
    ok("import", write(tmp_path / "sheet.csv", rows))

    said = ok("import", write(tmp_path / "sheet.csv", rows + "2026-11-21,NumPy,30\n")).stdout

    assert said == "Added 1 entry to journey 'main'; skipped 2 already there.\n"


def test_reimporting_a_csv_file_without_uids_in_another_time_zone_adds_nothing(journey, ok, tmp_path, request):
    path = write(tmp_path / "sheet.csv", "date,timestamp,topic\n2026-11-21,2026-11-21T09:15:00,NumPy\n2026-11-22,,NumPy\n")
    ok("import", path)
    request.getfixturevalue("berlin")

    assert ok("import", path).stdout == "Added 0 entries to journey 'main'; skipped 2 already there.\n"


def test_a_csv_row_with_its_own_uid_keeps_it(journey, ok, json_of, tmp_path):
    ok("import", write(tmp_path / "uid.csv", f"uid,date,topic\n{UID},2026-11-21,NumPy\n"))

    assert json_of("entries", "--json")[0]["uid"] == UID


def test_a_sheet_imported_by_the_earlier_learnlog_adds_only_the_rows_it_dropped(ok, json_of, tmp_path):
    # learnlog 0.1 gave a row without a uid one made from its timestamp, topic and
    # note alone: it imported the first of these rows of each day and skipped the other.
    import uuid

    from learnlog.exporters.csv_format import _CSV_NAMESPACE

    ok("init", "--start", "2026-11-01")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "date,timestamp,topic,minutes,kind\n"
        "2026-11-05,2026-11-05T12:00:00+00:00,NumPy,30,study\n"
        "2026-11-05,2026-11-05T12:00:00+00:00,NumPy,90,bug\n", encoding="utf-8",
    )
    earlier = str(uuid.uuid5(_CSV_NAMESPACE, "2026-11-05T12:00:00+00:00\nNumPy\nNone"))
    single = tmp_path / "earlier.csv"
    single.write_text(
        "uid,date,timestamp,topic,minutes,kind\n"
        f"{earlier},2026-11-05,2026-11-05T12:00:00+00:00,NumPy,30,study\n", encoding="utf-8",
    )
    ok("import", str(single))  # what the earlier learnlog left in the journey

    assert ok("import", str(sheet)).stdout.startswith("Added 1 entry")
    assert sorted(entry["minutes"] for entry in json_of("entries", "--json", "--all")) == [30, 90]
    assert ok("import", str(sheet)).stdout.startswith("Added 0 entries")
