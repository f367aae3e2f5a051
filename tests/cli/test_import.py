"""`learnlog import`: learnlog's own json and csv, and jrnl's JSON export; all or
nothing, skipping what is already there, refusing malformed files in one line
that names the first bad record, and changing nothing on a dry run.

Today is Wed 25 Nov 2026, 12:00; the journey started Fri 20 Nov 2026 (Day 0).
"""

import csv
import io
import json
from pathlib import Path

import pytest

from learnlog.domain.document import VERSION

pytestmark = pytest.mark.both_backends

UID = "0c8a3c47-1a9e-4b47-bd8b-0fcf0d3f6a51"


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-20")


def write(path: Path, content: object) -> str:
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def entry(number: int, **changes) -> dict:
    """A valid entry object of a journey document; `number` makes its uid and day."""
    return {
        "uid": f"{UID[:-2]}{number:02d}", "date": f"2026-11-{20 + number}",
        "timestamp": f"2026-11-{20 + number}T10:00:00+00:00", "topic": "NumPy", "minutes": 30,
        "kind": "study", "note": f"session {number}", "tags": [], "link": None, "confidence": None,
        **changes,
    }


def document(*entries: dict, **changes) -> dict:
    return {
        "format": "learnlog-journey", "version": 1, "journey": {"name": "main", "start": "2026-11-20"},
        "settings": {}, "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}], "excused": [],
        "topics": [{"name": "NumPy", "area": "Basics", "target_hours": None, "archived": False, "curriculum": None}],
        "entries": list(entries), **changes,
    }


def jrnl(*entries: dict) -> dict:
    """jrnl's JSON export (`jrnl --export json`) around `entries`."""
    return {"tags": {}, "entries": list(entries)}


def jrnl_entry(**fields) -> dict:
    return {"title": "Worked through chapter 2.", "body": "", "date": "2026-11-21", "time": "09:15",
            "tags": [], "starred": False, **fields}


def without_ids(entries: list[dict]) -> list[dict]:
    """Entries as another database would hold them: the same but for their numbers."""
    return [{key: value for key, value in entry.items() if key != "id"} for entry in entries]


def notes(json_of, *args: str) -> list[str | None]:
    return [entry["note"] for entry in json_of(*args, "entries", "--json", "--all")][::-1]


# --- learnlog's json -----------------------------------------------------------------


def test_a_json_document_needs_no_init_and_brings_its_journey(ok, json_of, tmp_path):
    doc = document(entry(1), entry(2, topic="Gradient Boosting"),
                   settings={"default-duration": "45m"}, excused=[{"date": "2026-11-24", "reason": "flu", "late": False}])

    said = ok("import", write(tmp_path / "journey.json", doc)).stdout

    assert said == "Added 2 entries to journey 'main' (new); new topics: Gradient Boosting.\n"
    assert json_of("status", "--json")["start"] == "2026-11-20"
    assert json_of("config", "--json")["default-duration"] == "45m"
    assert json_of("skip", "--list", "--json")[0]["reason"] == "flu"
    assert [topic["name"] for topic in json_of("topic", "list", "--json")] == ["Gradient Boosting", "NumPy"]


def test_a_json_document_brings_its_skip_budget_and_every_excused_day_it_holds(ok, json_of, refused, tmp_path):
    doc = document(settings={"skip-budget": "1"}, excused=[
        {"date": "2026-11-24", "reason": "flu", "late": True}, {"date": "2026-11-26", "reason": None, "late": False},
    ])

    ok("import", write(tmp_path / "journey.json", doc))

    assert json_of("config", "--json")["skip-budget"] == "1"
    # The document is the journey's record: its excused days come in whatever the budget.
    assert [excuse["date"] for excuse in json_of("skip", "--list", "--json")] == ["2026-11-24", "2026-11-26"]
    assert refused("skip", "in 2 days") == "Error: no skips left in November 2026 (budget 1 a month)"


def test_a_skip_budget_goes_out_with_a_json_export_and_back_in(journey, ok, json_of, tmp_path):
    ok("config", "skip-budget", "2")
    ok("export", "--format", "json", "-o", str(tmp_path / "journey.json"))

    assert json.loads((tmp_path / "journey.json").read_text())["settings"] == {"skip-budget": "2"}
    other = tmp_path / "other.db"
    ok("--db", str(other), "import", str(tmp_path / "journey.json"))
    assert json_of("--db", str(other), "config", "--json")["skip-budget"] == "2"


def test_a_json_document_into_an_existing_journey_reports_new_topics_and_skipped_entries(journey, ok, tmp_path):
    ok("import", write(tmp_path / "first.json", document(entry(1))))

    said = ok("import", write(tmp_path / "second.json", document(entry(1), entry(2, topic="Gradient Boosting")))).stdout

    assert said == "Added 1 entry to journey 'main'; skipped 1 already there; new topics: Gradient Boosting.\n"


def test_a_json_document_for_another_journey_goes_into_a_journey_of_its_name(journey, ok, json_of, tmp_path):
    rust = document(
        entry(1), journey={"name": "rust", "start": "2026-11-01"},
        cadence=[{"effective": "2026-11-01", "every": 2, "counts": "any"}],
    )

    said = ok("import", write(tmp_path / "rust.json", rust)).stdout

    assert said == "Added 1 entry to journey 'rust' (new).\n"
    assert notes(json_of, "--journey", "rust") == ["session 1"]
    assert notes(json_of, "--journey", "main") == []


def test_a_dry_run_of_a_json_document_creates_no_database(ok, db_path, tmp_path):
    said = ok("import", write(tmp_path / "journey.json", document(entry(1), entry(2))), "--dry-run").stdout

    assert said == "Would add 2 entries to journey 'main' (new).\n"
    assert not db_path.exists()


def test_a_dry_run_of_a_json_document_changes_nothing(journey, ok, journey_state, tmp_path):
    before = journey_state()

    said = ok("import", write(tmp_path / "j.json", document(entry(1), entry(2, topic="New Topic"))), "--dry-run").stdout

    assert said == "Would add 2 entries to journey 'main'; new topics: New Topic.\n"
    assert journey_state() == before


MALFORMED_JSON = [
    ("{", "not JSON (Expecting property name enclosed in double quotes at line 1)"),
    ("[]", "document: expected an object, not list"),
    (document(format="something-else"), "not a learnlog journey"),
    (document(version=VERSION + 1), f"version {VERSION + 1} was written by a newer learnlog"),
    (document(version="1"), "document: 'version' must be int, not '1'"),
    ({**document(), "journey": None}, "document: 'journey' must be dict"),
    (document(journey={"name": "main"}), "journey: missing 'start'"),
    (document(cadence=[]), "'cadence' needs at least one rule"),
    (document(cadence=[{"effective": "2026-11-20", "every": 0, "counts": "any"}]), "cadence rule 1: every must be from 1"),
    (document(topics=[{"name": ""}]), "topic 1: a topic name cannot be empty"),
    (document(topics=[{"name": "NumPy"}, {"name": "numpy"}]), "topic 2: 'numpy' is listed twice"),
    (document(topics=[{"name": "NumPy", "target_hours": -3}]), "topic 1: target hours must be from 0 to 100000"),
    ('{"format": "learnlog-journey", "version": 1, "journey": {"name": "main", "start": "2026-11-20"},'
     ' "cadence": [{"effective": "2026-11-20", "every": 3, "counts": "any"}],'
     ' "topics": [{"name": "NumPy", "target_hours": NaN}], "entries": []}', "topic 1: target hours must be from 0 to 100000"),
    (document(cadence=[{"effective": "2026-11-20", "every": 3, "counts": "any"},
                       {"effective": "2026-11-20", "every": 4, "counts": "any"}]), "two cadence rules take effect on 2026-11-20"),
    (document(cadence=[{"effective": "2026-11-22", "every": 3, "counts": "any"}]), "no cadence rule is in force on 2026-11-20"),
    (document(entry(1), entry(2), {k: v for k, v in entry(3).items() if k != "uid"}), "entry 3: missing 'uid'"),
    (document(entry(1), entry(2), entry(3, minutes="30")), "entry 3: 'minutes' must be int, not '30'"),
    (document(entry(1), entry(2), entry(3, minutes=True)), "entry 3: 'minutes' must be int"),
    (document(entry(1), entry(2), entry(3, minutes=0)), "entry 3: 'minutes' must be from 1 to 1440"),
    (document(entry(1), entry(2), entry(3, tags="numpy")), "entry 3: 'tags' must be list"),
    (document(entry(1), entry(2), entry(3, kind="nap")), "entry 3: unknown kind 'nap'"),
    (document(entry(1), entry(2), entry(3, uid="not-a-uuid")), "entry 3: 'uid' is not a UUID"),
    (document(entry(1), entry(2), entry(3, date="2026-11-30")), "entry 3: 'timestamp' 2026-11-23T10:00:00+00:00 is not on its 'date'"),
    (document(entry(1), entry(2), entry(3, timestamp="2026-11-23T10:00:00")), "entry 3: 'timestamp' has no UTC offset"),
    (document(entry(1), entry(2), entry(3, link="javascript:alert(1)")), "entry 3: not a link"),
    (document(entry(1), entry(2), entry(3, confidence=9)), "entry 3: confidence must be from 1 to 5"),
    (document(entry(1), entry(2), entry(3, attachments=[{"name": "a.png", "media_type": "image/png", "size": 1,
                                                          "sha256": "0" * 64, "content": "QQ=="}])),
     "entry 3, attachment 1: 'content' does not match its 'sha256'"),
    (document(entry(1), entry(2), entry(3, attachments=[{"name": "a.png", "media_type": "image/png", "size": 1,
                                                          "sha256": "0" * 64, "content": "%%%"}])),
     "entry 3, attachment 1: 'content' is not base64"),
    (document(entry(1), entry(2), entry(3, note="nul \x00 inside")), "entry 3: 'note' contains a NUL character"),
    (document(entry(1), entry(2), entry(3, attachments=[{"name": "a" * 256 + ".png", "media_type": "image/png",
                                                          "size": 1, "sha256": "0" * 64}])),
     "entry 3, attachment 1: 'name' is longer than 255 characters"),
    (document(topics=[{"name": "NumPy", "curriculum": "c" * 81}]), "topic 1: 'curriculum' is longer than 80 characters"),
    (document(topics=[{"name": "NumPy", "target_hours": 10, "target_by": "soon"}]),
     "topic 1: 'target_by' is not an ISO date: 'soon'"),
    (document(topics=[{"name": "NumPy", "target_hours": 10, "target_by": 20261231}]),
     "topic 1: 'target_by' must be str, not 20261231"),
    (document(topics=[{"name": "NumPy", "target_by": "2026-12-31"}]), "topic 1: 'target_by' needs a 'target_hours' to date"),
    (document(topics=[{"name": "NumPy", "target_hours": 0, "target_by": "2026-12-31"}]),
     "topic 1: 'target_by' needs a 'target_hours' to date"),
    (document(settings={"reminder-time": "7pm"}), "not a time of day: '7pm'"),
    (document(settings={"colour": "red"}), "unknown setting 'colour'"),
    (document(settings={"skip-budget": "lots"}), "not a skip budget: 'lots'"),
    (document(settings={"skip-budget": 2}), "setting 'skip-budget' must be a string, not 2"),
]


@pytest.mark.parametrize(
    ("content", "message"), MALFORMED_JSON, ids=[message[:40] for _, message in MALFORMED_JSON]
)
def test_a_malformed_json_document_is_refused_in_one_line_and_changes_nothing(
    journey, ok, refused, journey_state, tmp_path, content, message
):
    ok("log", "numpy", "-m", "already here")
    before = journey_state()

    assert message in refused("import", write(tmp_path / "bad.json", content))
    assert journey_state() == before


def test_a_malformed_json_document_creates_no_database(refused, db_path, tmp_path):
    assert "entry 3" in refused("import", write(tmp_path / "bad.json", document(entry(1), entry(2), entry(3, kind="nap"))))
    assert not db_path.exists()


def test_a_jrnl_export_taken_for_learnlog_json_gets_a_hint(journey, refused, tmp_path):
    assert refused("import", write(tmp_path / "jrnl.json", jrnl(jrnl_entry()))).endswith("add --format jrnl")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "not a file"),
        ("latin1.json", b"\xff\xfe{}", "not UTF-8 text"),
    ],
    ids=["missing", "not-utf8"],
)
def test_an_unreadable_file_is_refused(journey, refused, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    assert message in refused("import", str(path))


def test_import_takes_only_known_formats(journey, refused, tmp_path):
    assert "--format takes json, csv, jrnl, not 'yaml'" in refused("import", write(tmp_path / "a.json", "{}"), "--format", "yaml")


# --- learnlog's csv ------------------------------------------------------------------


@pytest.fixture
def csv_export(ok, tmp_path) -> Path:
    """A csv export of a journey that started on the same day, from another database."""
    other = str(tmp_path / "other.db")
    ok("--db", other, "init", "--start", "2026-11-20")
    ok("--db", other, "log", "numpy", "-d", "45m", "-m", 'arrays, "quoted"\nover two lines', "-t", "arrays",
       "-t", "=shapes", "-c", "3", "--date", "2026-11-21 09:15")
    ok("--db", other, "log", "pandas", "-k", "bug", "-m", "=SUM(A1) broke", "--link", "https://example.com/nb",
       "--date", "2026-11-22")
    ok("--db", other, "log", "--kind", "post", "--link", "https://dev.to/me/day-3", "--date", "2026-11-23")
    ok("--db", other, "log", "numpy", "-m", "'=A1 written as text", "--date", "2026-11-24")
    target = tmp_path / "entries.csv"
    ok("--db", other, "export", "--format", "csv", "-o", str(target))
    return target


def test_a_csv_export_imports_back_as_the_same_entries(journey, ok, json_of, tmp_path, csv_export):
    said = ok("import", str(csv_export)).stdout

    assert said == "Added 4 entries to journey 'main'.\n"
    assert without_ids(json_of("entries", "--json", "--all")) == without_ids(
        json_of("--db", str(tmp_path / "other.db"), "entries", "--json", "--all")
    )


def test_csv_import_takes_off_the_apostrophe_that_guarded_a_formula_and_only_that(journey, ok, json_of, csv_export):
    ok("import", str(csv_export))

    assert notes(json_of) == [
        'arrays, "quoted"\nover two lines', "=SUM(A1) broke", None, "'=A1 written as text",
    ]
    assert json_of("entries", "--json", "--all")[-1]["tags"] == ["=shapes", "arrays"]


def test_reimporting_a_csv_file_adds_nothing(journey, ok, journey_state, csv_export):
    ok("import", str(csv_export))
    before = journey_state()

    assert ok("import", str(csv_export)).stdout == "Added 0 entries to journey 'main'; skipped 4 already there.\n"
    assert journey_state() == before


def test_a_hand_written_csv_needs_only_date_and_topic_and_reimports_as_nothing_new(journey, ok, json_of, tmp_path):
    path = write(tmp_path / "mine.csv", "date,topic,minutes,note\n2026-11-21,numpy,40,first\n2026-11-22,Kaggle,,second\n")

    assert ok("import", path).stdout == "Added 2 entries to journey 'main'; new topics: Kaggle.\n"
    assert ok("import", path).stdout == "Added 0 entries to journey 'main'; skipped 2 already there.\n"
    latest = json_of("entries", "--json", "--all")
    assert [(e["date"], e["topic"], e["minutes"], e["kind"]) for e in latest] == [
        ("2026-11-22", "Kaggle", None, "study"), ("2026-11-21", "NumPy", 40, "study"),
    ]


def test_csv_import_needs_a_journey(refused, tmp_path, db_path):
    assert "run learnlog init" in refused("import", write(tmp_path / "mine.csv", "date,topic\n2026-11-21,numpy\n"))
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("when,what\n2026-11-21,numpy\n", "not a learnlog CSV file: no date, topic column"),
        ("date,topic\n2026-11-21,numpy\n2026-11-22,numpy\n2026-11-32,numpy\n", "row 4: 'timestamp' is not an ISO date-time"),
        ("date,topic,minutes\n2026-11-21,numpy,30\n2026-11-22,numpy,30\n2026-11-23,numpy,half\n", "row 4: 'minutes' must be a whole number, not 'half'"),
        ("date,topic,kind\n2026-11-21,numpy,study\n2026-11-22,numpy,study\n2026-11-23,numpy,nap\n", "row 4: unknown kind 'nap'"),
        ("date,topic\n2026-11-21,numpy\n2026-11-22,numpy\n2026-11-23,numpy,extra\n", "row 4: more cells than columns"),
        ("date,topic\n2026-11-21,numpy\n2026-11-22,numpy\n2026-11-23,\n", "row 4: only a post may have no topic"),
        ("date,topic,confidence\n2026-11-21,numpy,\n2026-11-22,numpy,\n2026-11-23,numpy,7\n", "row 4: confidence must be from 1 to 5"),
    ],
    ids=["no-columns", "bad-date", "bad-minutes", "bad-kind", "extra-cell", "no-topic", "bad-confidence"],
)
def test_a_malformed_csv_file_is_refused_naming_the_first_bad_row_and_changes_nothing(
    journey, refused, journey_state, tmp_path, content, message
):
    before = journey_state()

    assert message in refused("import", write(tmp_path / "bad.csv", content))
    assert journey_state() == before


def test_a_dry_run_of_a_csv_file_changes_nothing(journey, ok, journey_state, csv_export):
    before = journey_state()

    assert ok("import", str(csv_export), "--dry-run").stdout == "Would add 4 entries to journey 'main'.\n"
    assert journey_state() == before


# --- Entries before the journey's start ------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "jrnl"])
def test_entries_before_the_start_are_refused_naming_the_earliest_day(journey, refused, journey_state, tmp_path, format):
    path = (
        write(tmp_path / "old.csv", "date,topic\n2026-11-18,numpy\n2026-11-15,numpy\n2026-11-21,numpy\n")
        if format == "csv"
        else write(tmp_path / "old.json", jrnl(jrnl_entry(date="2026-11-18"), jrnl_entry(date="2026-11-15")))
    )
    before = journey_state()

    assert refused("import", path, "--format", format) == (
        "Error: the file has entries from 2026-11-15, before the journey's start (2026-11-20);"
        " add --move-start to move the start back"
    )
    assert journey_state() == before


def test_move_start_moves_the_start_and_the_first_cadence_rule_back_to_the_earliest_entry(journey, ok, json_of, tmp_path):
    path = write(tmp_path / "old.csv", "date,topic\n2026-11-18,numpy\n2026-11-15,numpy\n")

    assert ok("import", path, "--move-start").stdout == "Added 2 entries to journey 'main'.\n"

    status = json_of("status", "--json")
    assert status["start"] == "2026-11-15"
    assert status["day"] == 10
    assert json_of("cadence", "--json")[0]["effective"] == "2026-11-15"


def test_a_dry_run_with_move_start_moves_nothing(journey, ok, journey_state, tmp_path):
    before = journey_state()

    ok("import", write(tmp_path / "old.csv", "date,topic\n2026-11-15,numpy\n"), "--move-start", "--dry-run")

    assert journey_state() == before


# --- jrnl -----------------------------------------------------------------------------


def import_jrnl(ok, json_of, tmp_path, *entries: dict) -> dict:
    """Import one jrnl file of `entries` and return the newest entry learnlog made."""
    ok("import", write(tmp_path / "jrnl.json", jrnl(*entries)), "--format", "jrnl")
    return json_of("entries", "--json", "-n", "1")[0]


@pytest.mark.parametrize(
    ("tags", "topic", "kind", "kept_tags"),
    [
        (["@numpy"], "NumPy", "study", []),
        (["@linear-algebra"], "Linear Algebra", "study", []),
        (["@Linear_Algebra"], "Linear Algebra", "study", []),
        (["@bug", "@pandas"], "Pandas", "bug", []),
        (["@pandas", "@confusion", "@groupby", "@merge"], "Pandas", "confusion", ["groupby", "merge"]),
        (["@build"], "Journal", "build", []),
        (["@post", "@statistics"], "Statistics", "post", []),
        ([], "Journal", "study", []),
    ],
    ids=["name", "hyphens", "underscores", "kind-tag", "more-tags", "only-kind", "post", "no-tags"],
)
def test_a_jrnl_entrys_tags_set_its_kind_topic_and_tags(journey, ok, json_of, tmp_path, tags, topic, kind, kept_tags):
    made = import_jrnl(ok, json_of, tmp_path, jrnl_entry(tags=tags))

    assert (made["topic"], made["kind"], made["tags"]) == (topic, kind, kept_tags)


def test_a_jrnl_tag_names_a_topic_exactly_never_by_prefix_and_unknown_ones_are_created(journey, ok, json_of, tmp_path):
    said = ok("import", write(tmp_path / "jrnl.json", jrnl(jrnl_entry(tags=["@lin"]), jrnl_entry(tags=["@kubernetes"], time="10:00"))),
              "--format", "jrnl").stdout

    assert said == "Added 2 entries to journey 'main'; new topics: Lin, Kubernetes.\n"
    assert [entry["topic"] for entry in json_of("entries", "--json")] == ["Kubernetes", "Lin"]


def test_a_jrnl_entry_keeps_its_date_and_time_and_its_title_and_body_become_the_note(journey, ok, json_of, tmp_path):
    made = import_jrnl(
        ok, json_of, tmp_path,
        jrnl_entry(title="Broadcasting finally clicked.", body="Shapes line up from the right.", date="2026-11-22", time="21:30"),
    )

    assert made["date"] == "2026-11-22"
    assert made["timestamp"].startswith("2026-11-22T21:30:00")
    assert "Broadcasting finally clicked." in made["note"] and "Shapes line up from the right." in made["note"]
    assert made["note"].index("Broadcasting") < made["note"].index("Shapes")


def test_a_starred_jrnl_entry_is_a_win(journey, ok, json_of, tmp_path):
    assert import_jrnl(ok, json_of, tmp_path, jrnl_entry(starred=True, tags=["@numpy"]))["kind"] == "win"


def test_jrnl_entries_have_unknown_minutes_count_as_sessions_and_checkins_but_not_hours(journey, ok, json_of, tmp_path):
    made = import_jrnl(ok, json_of, tmp_path, jrnl_entry(tags=["@numpy"], date="2026-11-24"))

    assert made["minutes"] is None
    numpy = next(topic for topic in json_of("topic", "list", "--json") if topic["name"] == "NumPy")
    assert (numpy["sessions"], numpy["minutes"]) == (1, 0)
    assert json_of("status", "--json")["last_checkin"] == "2026-11-24"


def test_reimporting_a_jrnl_file_adds_nothing(journey, ok, journey_state, tmp_path):
    path = write(tmp_path / "jrnl.json", jrnl(jrnl_entry(), jrnl_entry(time="10:00", tags=["@numpy"])))
    ok("import", path, "--format", "jrnl")
    before = journey_state()

    assert ok("import", path, "--format", "jrnl").stdout == "Added 0 entries to journey 'main'; skipped 2 already there.\n"
    assert journey_state() == before


def test_reimporting_a_jrnl_file_in_another_time_zone_adds_nothing(journey, ok, json_of, tmp_path, request):
    path = write(tmp_path / "jrnl.json", jrnl(jrnl_entry(tags=["@numpy"])))
    ok("import", path, "--format", "jrnl")
    first = json_of("entries", "--json")[0]["timestamp"]
    request.getfixturevalue("berlin")  # from here on, local time is Europe/Berlin

    said = ok("import", path, "--format", "jrnl").stdout

    assert said == "Added 0 entries to journey 'main'; skipped 1 already there.\n"
    assert not first.endswith("+01:00"), "the test needs a first time zone other than Berlin's"


def test_a_dry_run_of_a_jrnl_file_changes_nothing(journey, ok, journey_state, tmp_path):
    before = journey_state()

    said = ok("import", write(tmp_path / "jrnl.json", jrnl(jrnl_entry(tags=["@kubernetes"]))), "--format", "jrnl", "--dry-run").stdout

    assert said == "Would add 1 entry to journey 'main'; new topics: Kubernetes.\n"
    assert journey_state() == before


MALFORMED_JRNL = [
    ("{", "not JSON"),
    ([], "not a jrnl JSON export: it has no 'entries' list"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), "entry"), "jrnl entry 3: expected an object"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), {k: v for k, v in jrnl_entry().items() if k != "date"}), "jrnl entry 3: missing 'date'"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(date="2026-11-31")), "jrnl entry 3: not a date and time: 2026-11-31 09:15"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(time="25:00")), "jrnl entry 3: not a date and time"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(tags="@numpy")), "jrnl entry 3: 'tags' must be a list of strings"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(tags=[7])), "jrnl entry 3: 'tags' must be a list of strings"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(title=["a"])), "jrnl entry 3: 'title' must be a string"),
    (jrnl(jrnl_entry(), jrnl_entry(time="10:00"), jrnl_entry(date=20261121)), "jrnl entry 3: 'date' must be a string"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED_JRNL, ids=[message[:40] for _, message in MALFORMED_JRNL])
def test_a_malformed_jrnl_file_is_refused_naming_the_first_bad_entry_and_changes_nothing(
    journey, refused, journey_state, tmp_path, content, message
):
    before = journey_state()

    assert message in refused("import", write(tmp_path / "bad.json", content), "--format", "jrnl")
    assert journey_state() == before


# --- Size ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "format"), [("big.csv", "csv"), ("big.json", "jrnl")])
def test_csv_and_jrnl_files_over_100_mb_are_refused(journey, refused, journey_state, tmp_path, name, format):
    path = tmp_path / name
    with open(path, "wb") as file:
        file.truncate(100 * 1024 * 1024 + 1)  # sparse: no 100 MB written
    before = journey_state()

    assert refused("import", str(path), "--format", format) == (
        f"Error: cannot import {path}: {format} files over 100 MB are refused"
    )
    assert journey_state() == before


def test_csv_import_reads_what_the_csv_module_writes(journey, ok, json_of, tmp_path):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["date", "topic", "note", "tags"])
    writer.writerow(["2026-11-21", "Linear Algebra", "eigen, vectors\nand \"values\"", "eigen;spectral"])
    path = tmp_path / "quoted.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")

    ok("import", str(path))

    made = json_of("entries", "--json")[0]
    assert (made["topic"], made["note"], made["tags"]) == ("Linear Algebra", 'eigen, vectors\nand "values"', ["eigen", "spectral"])


@pytest.mark.parametrize(
    ("name", "content", "format"),
    [
        ("saved.csv", "date,topic,note\r\n2026-11-21,numpy,from a spreadsheet\r\n", "csv"),
        ("jrnl.json", json.dumps(jrnl(jrnl_entry(title="from a spreadsheet", tags=["@numpy"]))), "jrnl"),
    ],
    ids=["csv", "jrnl"],
)
def test_a_file_saved_with_a_byte_order_mark_imports(journey, ok, json_of, tmp_path, name, content, format):
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + content.encode())

    ok("import", str(path), "--format", format)

    assert [(entry["topic"], entry["note"]) for entry in json_of("entries", "--json")] == [("NumPy", "from a spreadsheet")]


def test_a_json_document_brings_its_dated_targets_past_or_to_come(ok, json_of, tmp_path):
    doc = document(entry(1), topics=[
        {"name": "NumPy", "target_hours": 10, "target_by": "2026-12-23"},
        {"name": "Pandas", "target_hours": 5, "target_by": "2026-11-21"},
        {"name": "SQL", "target_hours": 5, "target_by": None},
    ])

    ok("import", write(tmp_path / "journey.json", doc))

    assert [(t["name"], t["target_by"], t["pace_state"]) for t in json_of("topic", "list", "--json")] == [
        ("NumPy", "2026-12-23", "behind"), ("Pandas", "2026-11-21", "missed"), ("SQL", None, None),
    ]


def test_a_json_document_from_before_targets_had_dates_still_imports(ok, json_of, tmp_path):
    doc = document(entry(1), topics=[{"name": "NumPy", "area": None, "target_hours": 10, "archived": False,
                                      "curriculum": None}])

    ok("import", write(tmp_path / "journey.json", doc))

    [numpy] = json_of("topic", "list", "--json")
    assert (numpy["target_hours"], numpy["target_by"]) == (10, None)
