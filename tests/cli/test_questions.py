"""Open questions and bugs: `learnlog questions`, `resolve` and `reopen`, and what
`edit`, `delete`, `status` and the dashboard make of them.

Today is Wed 25 Nov 2026, 12:00 (UTC); the journey started Mon 16 Nov 2026. Entry
#1 is a bug (Wed 18 Nov 20:30), #2 a question (Fri 20 Nov 19:00), #3 a study
session, #4 a question over two lines (Mon 23 Nov 09:00).
"""

import pytest

pytestmark = pytest.mark.both_backends


@pytest.fixture
def journey(ok):
    ok("init", "--start", "2026-11-16")
    ok("log", "pandas", "-k", "bug", "-m", "SettingWithCopyWarning everywhere", "--date", "2026-11-18 20:30")
    ok("log", "stat", "-k", "confusion", "-m", "p-values vs confidence intervals?", "--date", "2026-11-20 19:00")
    ok("log", "numpy", "-m", "broadcasting", "--date", "2026-11-21")
    ok("log", "lin alg", "-k", "confusion", "-m", "why do eigenvectors matter?\nand eigenvalues", "--date",
       "2026-11-23 09:00")


def listed(json_of, *args: str) -> list[tuple]:
    """(id, open_days, resolution or None) of each question `questions --json` lists."""
    return [(item["id"], item["open_days"], item["resolution"]) for item in json_of("questions", *args, "--json")]


# --- questions -------------------------------------------------------------------------


def test_questions_lists_the_open_ones_oldest_first_with_their_age(journey, ok):
    assert ok("questions").stdout == (
        "#1  2026-11-18  Pandas · bug · open 7 days\n"
        "    SettingWithCopyWarning everywhere\n"
        "#2  2026-11-20  Statistics · question · open 5 days\n"
        "    p-values vs confidence intervals?\n"
        "#4  2026-11-23  Linear Algebra · question · open 2 days\n"
        "    why do eigenvectors matter? and eigenvalues\n"
    )


def test_questions_json_is_an_array_of_questions_with_their_age_and_resolution(journey, ok, json_of):
    ok("resolve", "2", "-m", "an interval is what a test would not reject", "--link", "https://example.com/ci",
       "--date", "2026-11-22 10:00")
    uids = {entry["id"]: entry["uid"] for entry in json_of("entries", "--json", "--all")}

    assert json_of("questions", "--all", "--json") == [
        {
            "id": 1, "uid": uids[1], "kind": "bug", "topic": "Pandas", "date": "2026-11-18",
            "timestamp": "2026-11-18T20:30:00+00:00", "note": "SettingWithCopyWarning everywhere", "link": None,
            "open_days": 7, "resolution": None,
        },
        {
            "id": 4, "uid": uids[4], "kind": "confusion", "topic": "Linear Algebra", "date": "2026-11-23",
            "timestamp": "2026-11-23T09:00:00+00:00", "note": "why do eigenvectors matter?\nand eigenvalues",
            "link": None, "open_days": 2, "resolution": None,
        },
        {
            "id": 2, "uid": uids[2], "kind": "confusion", "topic": "Statistics", "date": "2026-11-20",
            "timestamp": "2026-11-20T19:00:00+00:00", "note": "p-values vs confidence intervals?", "link": None,
            "open_days": None,
            "resolution": {
                "date": "2026-11-22", "timestamp": "2026-11-22T10:00:00+00:00",
                "note": "an interval is what a test would not reject", "link": "https://example.com/ci", "days": 2,
            },
        },
    ]


def test_questions_resolved_lists_the_answers_newest_first_with_the_days_they_took(journey, ok):
    ok("resolve", "1", "-m", "use .loc on the original frame", "--date", "2026-11-19 08:00")
    ok("resolve", "2", "-m", "an interval is what a test would not reject", "--link", "https://example.com/ci",
       "--date", "2026-11-20 21:00")

    assert ok("questions", "--resolved").stdout == (
        "#2  2026-11-20  Statistics · question · answered 2026-11-20, the same day\n"
        "    p-values vs confidence intervals?\n"
        "    Answer: an interval is what a test would not reject\n"
        "    https://example.com/ci\n"
        "#1  2026-11-18  Pandas · bug · fixed 2026-11-19, after 1 day\n"
        "    SettingWithCopyWarning everywhere\n"
        "    Fix: use .loc on the original frame\n"
    )


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ((), [1, 4]),
        (("--resolved",), [2]),
        (("--all",), [1, 4, 2]),
        (("--kind", "bug"), [1]),
        (("--kind", " Confusion "), [4]),
        (("--topic", "lin alg"), [4]),
        (("--topic", "stat", "--all"), [2]),
        (("--topic", "numpy"), []),
        (("--kind", "bug", "--resolved"), []),
    ],
    ids=["open", "resolved", "all-open-first", "bugs", "questions", "topic", "topic-all", "topic-without-any",
         "nothing-matches"],
)
def test_questions_filters(journey, ok, json_of, args, ids):
    ok("resolve", "2", "-m", "answered")

    assert [item["id"] for item in json_of("questions", *args, "--json")] == ids


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "Nothing open: every question and bug has its answer."),
        (("--resolved",), "Nothing resolved yet: learnlog resolve ID -m TEXT records an answer or a fix."),
        (("--all",), "No questions or bugs yet: log one with --kind confusion or --kind bug."),
        (("--kind", "bug"), "No question or bug matches."),
    ],
    ids=["open", "resolved", "all", "filtered"],
)
def test_questions_says_when_there_is_nothing_to_list(ok, args, said):
    ok("init")

    shown = ok("questions", *args)

    assert (shown.stdout, shown.stderr) == ("", said + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "study"), "Error: --kind takes confusion or bug, not 'study'"),
        (("--resolved", "--all"), "Error: give --resolved or --all, not both (--all shows the resolved ones too)"),
        (("--topic", "stats"), "Error: no topic 'stats'; did you mean Statistics? (see learnlog topic list)"),
    ],
    ids=["other-kind", "resolved-and-all", "unknown-topic"],
)
def test_questions_refusals(journey, refused, args, message):
    assert refused("questions", *args) == message


# --- resolve ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reply", "resolution"),
    [
        (("2",), "Answered question #2 (Statistics) after 5 days.",
         {"date": "2026-11-25", "timestamp": "2026-11-25T12:00:00+00:00", "link": None, "days": 5}),
        (("2", "--date", "yesterday"), "Answered question #2 (Statistics) after 4 days.",
         {"date": "2026-11-24", "timestamp": "2026-11-24T12:00:00+00:00", "link": None, "days": 4}),
        (("2", "--date", "2026-11-20 19:00"), "Answered question #2 (Statistics) the same day.",
         {"date": "2026-11-20", "timestamp": "2026-11-20T19:00:00+00:00", "link": None, "days": 0}),
        (("1", "--date", "thu", "--link", "https://example.com/fix"), "Fixed bug #1 (Pandas) after 1 day.",
         {"date": "2026-11-19", "timestamp": "2026-11-19T12:00:00+00:00", "link": "https://example.com/fix",
          "days": 1}),
        (("2", "--date", "today 09:15"), "Answered question #2 (Statistics) after 5 days.",
         {"date": "2026-11-25", "timestamp": "2026-11-25T09:15:00+00:00", "link": None, "days": 5}),
    ],
    ids=["now", "a-past-day-at-noon", "at-the-entrys-own-time", "a-bug-with-a-link", "today-at-a-time"],
)
def test_resolve_records_the_answer_and_when_it_came(journey, ok, json_of, args, reply, resolution):
    assert ok("resolve", *args, "-m", "  what I understood ").stdout == reply + "\n"

    [found] = [item for item in json_of("questions", "--resolved", "--json")]
    assert found["id"] == int(args[0])
    assert found["resolution"] == {**resolution, "note": "what I understood"}


def test_resolve_takes_several_entries_with_the_same_answer(journey, ok, json_of):
    said = ok("resolve", "4", "1", "4", "-m", "both sorted out in one sitting").stdout

    assert said == "Answered question #4 (Linear Algebra) after 2 days.\nFixed bug #1 (Pandas) after 7 days.\n"
    assert listed(json_of, "--resolved") == [
        (4, None, {"date": "2026-11-25", "timestamp": "2026-11-25T12:00:00+00:00",
                   "note": "both sorted out in one sitting", "link": None, "days": 2}),
        (1, None, {"date": "2026-11-25", "timestamp": "2026-11-25T12:00:00+00:00",
                   "note": "both sorted out in one sitting", "link": None, "days": 7}),
    ]


def test_resolving_a_resolved_entry_replaces_its_answer_and_says_so(journey, ok, json_of):
    ok("resolve", "1", "-m", "set pd.options.mode.copy_on_write", "--link", "https://example.com/a", "--date", "fri")

    said = ok("resolve", "1", "-m", "use .loc on the original frame").stdout

    assert said == "Fixed bug #1 (Pandas) after 7 days, replacing its fix of Fri 20 Nov.\n"
    assert listed(json_of, "--resolved") == [
        (1, None, {"date": "2026-11-25", "timestamp": "2026-11-25T12:00:00+00:00",
                   "note": "use .loc on the original frame", "link": None, "days": 7}),
    ]


def test_a_resolution_is_not_a_check_in(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-k", "bug", "-m", "shapes", "--date", "2026-11-21")
    before = json_of("status", "--json")

    ok("resolve", "1", "-m", "reshape first")

    after = json_of("status", "--json")
    assert (after["last_checkin"], after["due"], after["streak"]) == (
        before["last_checkin"], before["due"], before["streak"],
    )
    assert len(json_of("entries", "--json", "--all")) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("3", "-m", "x"), "Error: entry #3 is a study entry: only questions (kind confusion) and bugs are resolved"),
        (("9", "-m", "x"), "Error: no entry #9"),
        (("2", "3", "-m", "x"), "Error: entry #3 is a study entry: only questions (kind confusion) and bugs are resolved"),
        (("2",), "Error: say what you understood or how you fixed it: -m TEXT"),
        (("2", "-m", "  "), "Error: say what you understood or how you fixed it: -m TEXT"),
        (("-m", "x"), "Error: name what to resolve: entry IDs (see learnlog questions), or --before DATE"),
        (("2", "--before", "today", "-m", "x"), "Error: give entry IDs or --before DATE, not both"),
        (("2", "-m", "x", "--date", "tomorrow"), "Error: 2026-11-26 is in the future (today is 2026-11-25)"),
        (("2", "-m", "x", "--date", "today 13:00"), "Error: 13:00 today is later than now (12:00)"),
        (("2", "-m", "x", "--date", "2026-11-20"),
         "Error: entry #2 was logged 2026-11-20 19:00, after 2026-11-20 12:00: a resolution cannot come before it"
         " (give a later --date, e.g. '2026-11-20 19:00')"),
        (("4", "1", "-m", "x", "--date", "2026-11-22"),
         "Error: entry #4 was logged 2026-11-23 09:00, after 2026-11-22 12:00: a resolution cannot come before it"
         " (give a later --date, e.g. '2026-11-23 09:00')"),
        (("2", "-m", "x", "--date", "12/11"),
         "Error: not a date: '12/11' (numeric forms like 12/11 are ambiguous; use YYYY-MM-DD, 'Nov 12' or '12 Nov')"),
        (("2", "-m", "x", "--link", "example.com"),
         "Error: not a link: 'example.com' (use a full http:// or https:// address)"),
        (("2", "-m", "x\x00"), "Error: a note contains a NUL character"),
        (("--before", "someday", "-m", "x"),
         "Error: not a date: 'someday' (use YYYY-MM-DD, today, yesterday, fri, last fri, 3 days ago, -3d,"
         " in 2 days, +2d, Nov 3 or 3 Nov)"),
        (("--before", "today 10:00", "-m", "x"),
         "Error: a time is not accepted here: 'today 10:00' (give just a day, e.g. yesterday or 2026-11-20)"),
        (("--before", "today", "-m", "x", "--date", "2026-11-21"),
         "Error: entry #4 was logged 2026-11-23 09:00, after 2026-11-21 12:00: a resolution cannot come before it"
         " (give a later --date, e.g. '2026-11-23 09:00')"),
    ],
    ids=["a-study-entry", "unknown", "one-of-several-refused", "no-answer", "blank-answer", "nothing-named",
         "ids-and-before", "a-future-day", "later-than-now", "before-the-entry", "before-one-of-several",
         "bad-date", "bad-link", "nul", "before-a-bad-date", "before-with-a-time", "before-with-too-early-a-date"],
)
def test_resolve_refusals_change_nothing(journey, ok, refused, journey_state, args, message):
    ok("resolve", "1", "-m", "use .loc")
    before = journey_state()

    assert refused("resolve", *args) == message
    assert journey_state() == before


def test_resolve_before_resolves_every_open_one_dated_before_the_day_and_says_how_many(journey, ok, json_of):
    ok("resolve", "1", "-m", "use .loc", "--date", "2026-11-19 08:00")

    said = ok("resolve", "--before", "2026-11-23", "-m", "sorted out before I kept track").stdout

    assert said == "Resolved 1 question dated before Mon 23 Nov 2026.\n"
    assert [(item["id"], item["resolution"]["note"]) for item in json_of("questions", "--resolved", "--json")] == [
        (2, "sorted out before I kept track"), (1, "use .loc"),
    ]
    assert ok("resolve", "--before", "today", "-m", "all of them").stdout == (
        "Resolved 1 question dated before Wed 25 Nov 2026.\n"
    )
    assert ok("resolve", "--before", "tomorrow", "-m", "nothing left").stdout == (
        "Nothing to resolve: no question or bug dated before Thu 26 Nov 2026 is open.\n"
    )
    assert json_of("questions", "--json") == []


def test_resolve_before_counts_questions_and_bugs(journey, ok):
    assert ok("resolve", "--before", "today", "-m", "x").stdout == (
        "Resolved 2 questions and 1 bug dated before Wed 25 Nov 2026.\n"
    )


# --- reopen ----------------------------------------------------------------------------


def test_reopen_makes_it_open_again_and_removes_the_answer(journey, ok, json_of):
    ok("resolve", "2", "-m", "an interval", "--date", "2026-11-21")

    assert ok("reopen", "2").stdout == "Reopened question #2 (Statistics), open 5 days; its answer of Sat 21 Nov is removed.\n"
    assert listed(json_of) == [(1, 7, None), (2, 5, None), (4, 2, None)]
    assert json_of("questions", "--resolved", "--json") == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("2", "Error: question #2 is open already (learnlog resolve 2 -m TEXT resolves it)"),
        ("3", "Error: entry #3 is a study entry: only questions (kind confusion) and bugs are resolved"),
        ("9", "Error: no entry #9"),
    ],
    ids=["open-already", "a-study-entry", "unknown"],
)
def test_reopen_refusals_change_nothing(journey, ok, refused, journey_state, entry, message):
    ok("resolve", "1", "-m", "use .loc")
    before = journey_state()

    assert refused("reopen", entry) == message
    assert journey_state() == before


# --- what edit and delete make of a resolution -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("study", "Error: entry #1 is a resolved bug: reopen it first (learnlog reopen 1) to make it a study entry"),
        ("win", "Error: entry #1 is a resolved bug: reopen it first (learnlog reopen 1) to make it a win entry"),
    ],
    ids=["study", "win"],
)
def test_edit_kind_of_a_resolved_bug_into_another_kind_is_refused_pointing_to_reopen(
    journey, ok, refused, journey_state, kind, message
):
    ok("resolve", "1", "-m", "use .loc")
    before = journey_state()

    assert refused("edit", "1", "--kind", kind) == message
    assert journey_state() == before


def test_edit_kind_between_question_and_bug_keeps_the_resolution(journey, ok, json_of):
    ok("resolve", "1", "-m", "use .loc")

    ok("edit", "1", "--kind", "confusion")

    [found] = json_of("questions", "--resolved", "--json")
    assert (found["kind"], found["resolution"]["note"]) == ("confusion", "use .loc")


def test_edit_kind_of_an_open_question_is_free_and_it_stops_being_a_question(journey, ok, json_of):
    ok("edit", "2", "--kind", "study")

    assert [item["id"] for item in json_of("questions", "--json")] == [1, 4]


def test_deleting_a_resolved_entry_deletes_its_resolution(journey, ok, json_of):
    ok("resolve", "1", "2", "-m", "sorted")

    ok("delete", "1", "--yes")

    assert [item["id"] for item in json_of("questions", "--all", "--json")] == [4, 2]


# --- status and the dashboard ----------------------------------------------------------


@pytest.mark.parametrize(
    ("resolved", "line", "counts"),
    [
        ((), "Open: 2 questions, 1 bug (7 days, Pandas)", (2, 1, "2026-11-18")),
        (("1",), "Open: 2 questions (oldest 5 days, Statistics)", (2, 0, "2026-11-20")),
        (("1", "2"), "Open: 1 question (2 days, Linear Algebra)", (1, 0, "2026-11-23")),
        (("2", "4"), "Open: 1 bug (7 days, Pandas)", (0, 1, "2026-11-18")),
        (("1", "2", "4"), None, (0, 0, None)),
    ],
    ids=["both-the-bug-oldest", "two-questions", "one-question", "one-bug", "nothing-open"],
)
def test_status_says_what_is_open(journey, ok, json_of, resolved, line, counts):
    if resolved:
        ok("resolve", *resolved, "-m", "sorted")

    lines = ok("status").stdout.splitlines()
    status = json_of("status", "--json")

    assert [text for text in lines if text.startswith("Open:")] == ([line] if line else [])
    assert (status["open_questions"], status["open_bugs"], status["oldest_open"]) == counts


def test_the_open_line_stands_after_the_gaps_and_before_the_skips_left_and_the_cadence(ok):
    ok("init", "--start", "2026-11-10")
    ok("log", "numpy", "-k", "bug", "-m", "shapes", "--date", "2026-11-20")
    ok("config", "skip-budget", "2")

    lines = ok("status").stdout.splitlines()

    assert [line.split(":")[0] for line in lines[4:]] == ["Last check-in", "Gaps", "Open", "Skips left in November", "Cadence"]
    assert lines[6] == "Open: 1 bug (5 days, NumPy)"


def test_status_says_oldest_today_for_a_question_logged_today(ok):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy", "-k", "confusion", "-m", "why?")
    ok("log", "numpy", "-k", "confusion", "-m", "and why not?")

    assert "Open: 2 questions (oldest today, NumPy)" in ok("status").stdout.splitlines()


def test_dashboard_shows_the_oldest_open_ones_and_how_many_were_answered_lately(journey, ok, json_of):
    ok("log", "numpy", "-k", "bug", "-m", "shape mismatch", "--date", "2026-11-24")
    ok("resolve", "4", "-m", "they are the axes a matrix only stretches")

    shown = ok("dashboard", "--json")
    data = json_of("dashboard", "--json")
    text = ok("dashboard").stdout

    assert shown.exit_code == 0
    assert [item["id"] for item in data["open"]] == [1, 2, 5]
    assert data["open"] == json_of("questions", "--json")
    assert (data["open_questions"], data["open_bugs"], data["oldest_open"]) == (1, 2, "2026-11-18")
    assert data["answered_last_30_days"] == 1
    section = text[text.index("Open questions and bugs"):].splitlines()[1:4]
    assert [line.split() for line in section] == [
        ["Pandas", "7", "days", "bug", "SettingWithCopyWarning", "everywhere"],
        ["Statistics", "5", "days", "question", "p-values", "vs", "confidence", "intervals?"],
        ["NumPy", "1", "day", "bug", "shape", "mismatch"],
    ]
    assert "1 answered in the last 30 days" in text


def test_dashboard_has_no_questions_section_when_nothing_was_ever_asked(ok, json_of):
    ok("init", "--start", "2026-11-20")
    ok("log", "numpy")

    assert "Open questions" not in ok("dashboard").stdout
    data = json_of("dashboard", "--json")
    assert (data["open"], data["answered_last_30_days"], data["oldest_open"]) == ([], 0, None)


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("lines", "kept"), [(40, True), (35, False)], ids=["after-the-timeline", "before-the-topics"],
)
def test_on_a_short_screen_the_questions_give_way_after_the_timeline_and_before_the_topics(
    learnlog, monkeypatch, lines, kept
):
    from learnlog.views import dashboard as view

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(view, "MAX_LINES", lines)
    shown = learnlog("demo").stdout

    assert "Cadence" not in shown and "Topics" in shown
    assert ("Open questions and bugs" in shown) is kept
    assert len(shown.splitlines()) <= lines


# --- resolutions travel with the journey: json and csv, out and back in ------------------


@pytest.fixture
def resolved(journey, ok):
    """The journey with #1 fixed (with a link) and #2 answered; #4 stays open."""
    ok("resolve", "1", "-m", "use .loc on the original frame", "--link", "https://example.com/fix",
       "--date", "2026-11-19 08:00")
    ok("resolve", "2", "-m", "=an interval, not a probability", "--date", "2026-11-24")


def test_the_json_export_carries_each_resolution_and_none_for_open_ones(resolved, ok):
    import json

    entries = json.loads(ok("export").stdout)["entries"]

    assert [entry.get("resolution") for entry in entries] == [
        {"date": "2026-11-19", "timestamp": "2026-11-19T08:00:00+00:00", "note": "use .loc on the original frame",
         "link": "https://example.com/fix"},
        {"date": "2026-11-24", "timestamp": "2026-11-24T12:00:00+00:00", "note": "=an interval, not a probability",
         "link": None},
        None, None,
    ]
    assert ["resolution" in entry for entry in entries] == [True, True, False, False]


def test_a_json_export_with_resolutions_imports_into_a_new_database_as_it_was(resolved, ok, json_of, tmp_path):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    other = str(tmp_path / "elsewhere.db")

    ok("--db", other, "import", str(exported))

    assert ok("--db", other, "export").stdout == exported.read_text(encoding="utf-8")
    assert without_ids(json_of("--db", other, "questions", "--all", "--json")) == without_ids(
        json_of("questions", "--all", "--json")
    )


def test_a_json_export_with_resolutions_goes_back_into_this_backend_too(resolved, ok, json_of, tmp_path, database):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    questions_before = without_ids(json_of("questions", "--all", "--json"))
    for entry in json_of("entries", "--json", "--all"):
        ok("delete", str(entry["id"]), "--yes")

    ok("import", str(exported))

    assert without_ids(json_of("questions", "--all", "--json")) == questions_before
    assert ok("export").stdout == exported.read_text(encoding="utf-8")


def test_a_csv_export_carries_resolved_on_and_the_resolution_and_imports_them_back(resolved, ok, json_of, tmp_path):
    import csv
    import io

    target = tmp_path / "entries.csv"
    ok("export", "--format", "csv", "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(row["resolved_on"], row["resolution"]) for row in rows] == [
        ("2026-11-19T08:00:00+00:00", "use .loc on the original frame"),
        ("2026-11-24T12:00:00+00:00", "'=an interval, not a probability"),
        ("", ""), ("", ""),
    ]
    other = str(tmp_path / "other.db")
    ok("--db", other, "init", "--start", "2026-11-16")

    ok("--db", other, "import", str(target))

    assert ok("--db", other, "export", "--format", "csv").stdout == target.read_bytes().decode("utf-8")
    # A resolution's link travels in json only.
    expected = without_ids(json_of("questions", "--all", "--json"))
    expected[2]["resolution"]["link"] = None
    assert without_ids(json_of("--db", other, "questions", "--all", "--json")) == expected


def test_a_hand_written_csv_may_give_resolved_on_as_a_day(ok, json_of, tmp_path):
    ok("init", "--start", "2026-11-16")
    target = tmp_path / "mine.csv"
    target.write_text("date,topic,kind,note,resolved_on,resolution\n2026-11-18,NumPy,bug,shapes,2026-11-20,reshape\n")

    ok("import", str(target))

    [found] = json_of("questions", "--resolved", "--json")
    assert found["resolution"] == {
        "date": "2026-11-20", "timestamp": "2026-11-20T12:00:00+00:00", "note": "reshape", "link": None, "days": 2,
    }


def without_ids(found: list[dict]) -> list[dict]:
    return [{key: value for key, value in item.items() if key != "id"} for item in found]


def document_with(resolution: dict, *, kind: str = "bug", version: int = 3) -> dict:
    return {
        "format": "learnlog-journey", "version": version, "journey": {"name": "main", "start": "2026-11-16"},
        "cadence": [{"effective": "2026-11-16", "every": 3, "counts": "any"}], "topics": [],
        "entries": [{
            "uid": "0c8a3c47-1a9e-4b47-bd8b-0fcf0d3f6a51", "date": "2026-11-18",
            "timestamp": "2026-11-18T20:30:00+00:00", "topic": "NumPy", "minutes": 30, "kind": kind,
            "note": "shapes", "tags": [], "link": None, "confidence": None, "resolution": resolution,
        }],
    }


GOOD = {"date": "2026-11-19", "timestamp": "2026-11-19T08:00:00+00:00", "note": "reshape", "link": None}


@pytest.mark.parametrize(
    ("changes", "kind", "message"),
    [
        ({}, "study", "Error: entry 1, resolution: only a question (kind confusion) or a bug has a resolution,"
                      " not a study entry"),
        ({"date": "2026-11-18", "timestamp": "2026-11-18T20:00:00+00:00"}, "bug",
         "Error: entry 1, resolution: it comes before its entry (2026-11-18T20:30:00+00:00)"),
        ({"date": "2026-11-26", "timestamp": "2026-11-26T08:00:00+00:00"}, "bug",
         "Error: entry 1, resolution: 2026-11-26 is in the future (today is 2026-11-25)"),
        ({"timestamp": "2026-11-19T08:00:00"}, "bug",
         "Error: entry 1, resolution: 'timestamp' has no UTC offset: '2026-11-19T08:00:00'"),
        ({"date": "2026-11-20"}, "bug",
         "Error: entry 1, resolution: 'timestamp' 2026-11-19T08:00:00+00:00 is not on its 'date' 2026-11-20"),
        ({"note": " "}, "bug", "Error: entry 1, resolution: 'note' cannot be empty: say what was understood or fixed"),
        ({"note": None}, "bug", "Error: entry 1, resolution: missing 'note'"),
        ({"link": "ftp://x"}, "bug",
         "Error: entry 1, resolution: not a link: 'ftp://x' (use a full http:// or https:// address)"),
    ],
    ids=["on-a-study-entry", "before-its-entry", "in-the-future", "no-offset", "off-its-date", "blank-note",
         "no-note", "bad-link"],
)
def test_an_imported_resolution_is_held_to_the_rules_of_resolve(ok, refused, journey_state, tmp_path, changes, kind, message):
    import json

    ok("init", "--start", "2026-11-16")
    resolution = {key: value for key, value in {**GOOD, **changes}.items() if value is not None or key == "link"}
    target = tmp_path / "in.json"
    target.write_text(json.dumps(document_with(resolution, kind=kind)))
    before = journey_state()

    assert refused("import", str(target)) == message
    assert journey_state() == before


@pytest.mark.parametrize("version", [1, 2])
def test_documents_of_earlier_versions_still_import_with_every_question_open(ok, json_of, tmp_path, version):
    import json

    ok("init", "--start", "2026-11-16")
    document = document_with(GOOD, version=version)
    del document["entries"][0]["resolution"]
    target = tmp_path / "old.json"
    target.write_text(json.dumps(document))

    ok("import", str(target))

    assert [(item["note"], item["open_days"]) for item in json_of("questions", "--json")] == [("shapes", 7)]


def test_a_csv_resolution_without_resolved_on_is_refused(ok, refused, journey_state, tmp_path):
    ok("init", "--start", "2026-11-16")
    target = tmp_path / "mine.csv"
    target.write_text("date,topic,kind,note,resolved_on,resolution\n2026-11-18,NumPy,bug,shapes,,reshape\n")
    before = journey_state()

    assert refused("import", str(target)) == "Error: row 2: a 'resolution' needs its 'resolved_on'"
    assert journey_state() == before


# --- the post draft and the reports ------------------------------------------------------


def test_post_draft_tells_the_resolutions_after_the_last_post_and_what_is_still_open(journey, ok):
    ok("resolve", "1", "-m", "use .loc", "--date", "2026-11-24 09:00")
    ok("post", "publish", "https://example.com/day-8", "--date", "2026-11-24 10:00")
    ok("resolve", "2", "-m", "an interval is what a test would not reject", "--date", "2026-11-24 11:00")

    text = ok("post", "draft").stdout

    assert "Nothing logged since my last update (Tue 24 Nov 2026).\n\n## Statistics\n\n### Questions I answered\n\n" \
        "- p-values vs confidence intervals?\n  Answer (after 4 days): an interval is what a test would not reject\n" \
        "\n## Still open\n\n- Linear Algebra · question, open 2 days: why do eigenvectors matter?\n  and eigenvalues\n" \
        in text
    assert "SettingWithCopyWarning" not in text


def test_post_draft_tells_a_resolved_question_no_post_covers_yet_however_early_its_answer(journey, ok):
    ok("post", "publish", "https://example.com/day-8", "--date", "2026-11-24 10:00")
    ok("log", "numpy", "-k", "confusion", "-m", "strides?", "--date", "2026-11-24 08:00")
    ok("resolve", "6", "-m", "bytes to step", "--date", "2026-11-24 09:00")

    text = ok("post", "draft").stdout

    numpy = text.split("## NumPy", 1)[1].split("\n## ", 1)[0]
    assert numpy == (
        "\n\n1 session and 30m.\n\n### Questions I answered\n\n- strides?\n  Answer (the same day): bytes to step\n"
    )


def test_reports_tell_what_was_resolved_in_their_period_and_what_was_open_at_its_end(journey, ok):
    ok("resolve", "1", "-m", "use .loc", "--date", "2026-11-19 08:00")
    ok("resolve", "2", "-m", "an interval", "--date", "2026-11-24")

    report = ok("export", "--format", "markdown", "--since", "2026-11-19", "--until", "2026-11-23").stdout
    page = ok("export", "--format", "html", "--until", "2026-11-23").stdout

    assert "## Questions answered\n\nNone in this period.\n" in report
    assert "## Bugs fixed\n\n- Thu 19 Nov · Pandas: SettingWithCopyWarning everywhere\n  Fix (after 1 day): use .loc\n" in report
    assert (
        "## Still open\n\n- Fri 20 Nov · Statistics · question, open 3 days: p-values vs confidence intervals?\n"
        "- Mon 23 Nov · Linear Algebra · question, open 0 days: why do eigenvectors matter?\n  and eigenvalues\n"
    ) in report
    assert "<h2>Bugs fixed</h2>" in page and "use .loc" in page and "p-values vs confidence intervals?" in page
    only_numpy = ok("export", "--format", "markdown", "--topic", "numpy").stdout
    assert "## Still open\n\nNothing open at the end of this period.\n" in only_numpy


# --- doctor ------------------------------------------------------------------------------


def by_hand(database: str, backend: str, sql: str) -> None:
    """Run `sql` on the test's database as another program would, past learnlog's rules."""
    if backend == "sqlite":
        import sqlite3

        connection = sqlite3.connect(database)
        with connection:
            connection.execute(sql)
        connection.close()
        return
    import psycopg

    with psycopg.connect(database.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(sql)


def test_doctor_finds_an_answer_on_an_entry_that_is_neither_a_question_nor_a_bug_and_reopen_removes_it(
    journey, ok, learnlog, json_of, database, backend
):
    ok("resolve", "1", "2", "-m", "sorted")
    assert json_of("doctor", "--json")["healthy"]
    by_hand(database, backend, "UPDATE entry SET kind = 'study' WHERE id = 1")

    found = learnlog("doctor")

    assert found.exit_code == 1
    assert (
        "Problem: 1 entry carries an answer though neither a question nor a bug (#1): learnlog reopen ID removes it"
        in found.stdout.splitlines()
    )
    assert ok("reopen", "1").stdout == (
        "Removed the answer entry #1 carried: a study entry is neither a question nor a bug.\n"
    )
    assert json_of("doctor", "--json")["healthy"]
