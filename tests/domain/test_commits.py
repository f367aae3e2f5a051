"""The rules that turn git commits into build entries (learnlog.domain.commits),
as tables of cases, and the invariants of a sync plan as properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.domain.commits import (
    FIELD, GIT_LOG_FORMAT, RECORD, Commit, changed_notebooks, check_author, commit_link, commit_note, day_entry,
    parse_log, plan_repository, web_address,
)
from learnlog.errors import InputError

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
START = date(2026, 11, 1)
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=PARIS)
ME = frozenset({"me@example.com"})


def commit(number: int, when: datetime, subject: str = "", author: str = "me@example.com", files=()) -> Commit:
    return Commit(f"{number:040x}", author, when, subject or f"commit {number}", tuple(files))


def at(day: int, hour: int, minute: int = 0, zone=PARIS) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=zone)


# Reading git's output ----------------------------------------------------------------


def test_the_format_asks_git_for_hash_author_date_and_subject_between_separators():
    assert GIT_LOG_FORMAT == "\x1e%H\x1f%ae\x1f%aI\x1f%s"


def test_parse_log_reads_each_record_with_the_files_it_changed():
    text = (
        f"{RECORD}{'a' * 40}{FIELD}Me@Example.com{FIELD}2026-11-23T19:05:00+01:00{FIELD}Fit the model\n\n"
        "notebooks/03-regression.ipynb\nsrc/model.py\n"
        f"{RECORD}{'b' * 40}{FIELD}me@example.com{FIELD}2026-11-22T23:30:00-05:00{FIELD}  Subject: with {FIELD[0:0]}colons \n"
    )
    first, second = parse_log(text)
    assert first == Commit("a" * 40, "Me@Example.com", at(23, 19, 5), "Fit the model",
                           ("notebooks/03-regression.ipynb", "src/model.py"))
    assert second.authored == at(22, 23, 30, NEW_YORK) and second.day == date(2026, 11, 22)
    assert second.subject == "Subject: with colons" and second.files == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"{RECORD}not-a-hash{FIELD}me@example.com{FIELD}2026-11-23T19:05:00+01:00{FIELD}x", id="no hash"),
        pytest.param(f"{RECORD}{'a' * 40}{FIELD}me@example.com{FIELD}x", id="missing fields"),
        pytest.param(f"{RECORD}{'a' * 40}{FIELD}me@example.com{FIELD}2026-11-23T19:05:00{FIELD}x", id="no offset"),
    ],
)
def test_parse_log_refuses_what_git_log_in_this_format_never_prints(text):
    with pytest.raises(ValueError):
        parse_log(text)


def test_parse_log_of_an_empty_history_is_empty():
    assert parse_log("") == []


# One day's entry -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "times, minutes",
    [
        pytest.param([(19, 0)], 30, id="one commit: the padding alone"),
        pytest.param([(19, 0), (19, 50)], 80, id="the span plus 30 minutes"),
        pytest.param([(20, 10), (19, 0)], 100, id="in any order"),
        pytest.param([(9, 0), (12, 30)], 240, id="at most 4 hours"),
        pytest.param([(9, 0), (12, 29)], 239, id="just under the cap"),
    ],
)
def test_a_days_duration_is_the_span_of_its_commits_plus_half_an_hour_capped(times, minutes):
    commits = [commit(number, at(23, hour, minute)) for number, (hour, minute) in enumerate(times)]
    entry = day_entry("titanic", commits)
    assert entry.minutes == minutes
    assert entry.tags == ("git", "estimated")


def test_without_estimates_the_duration_is_unknown_and_not_tagged_estimated():
    entry = day_entry("titanic", [commit(1, at(23, 9)), commit(2, at(23, 11))], estimate=False)
    assert (entry.minutes, entry.tags) == (None, ("git",))


def test_the_entry_is_dated_by_the_first_commit_in_its_own_offset_and_links_to_it():
    late, early = commit(1, at(23, 21)), commit(2, at(23, 19, 5))
    entry = day_entry("titanic", [late, early], web="https://github.com/me/titanic")
    assert entry.moment == at(23, 19, 5) and entry.moment.utcoffset() == timedelta(hours=1)
    assert entry.link == f"https://github.com/me/titanic/commit/{early.hash}"
    assert entry.note == "commit 2\ncommit 1"
    assert entry.hashes == (early.hash, late.hash)


@pytest.mark.parametrize(
    "count, last_lines",
    [(1, ["s0"]), (10, ["s8", "s9"]), (11, ["s9", "and 1 more"]), (25, ["s9", "and 15 more"])],
)
def test_the_note_lists_the_first_ten_subjects_then_how_many_more(count, last_lines):
    commits = tuple(commit(number, at(23, 9, number), f"s{number}") for number in range(count))
    lines = commit_note(commits).splitlines()
    assert lines[-len(last_lines):] == last_lines
    assert len(lines) == min(count, 10) + (count > 10)


# Which commits count ---------------------------------------------------------------------


def test_a_plan_groups_the_authors_new_commits_by_local_day_and_counts_what_it_leaves_out():
    commits = [
        commit(1, at(23, 9)), commit(2, at(23, 18)),
        # 23:30 in New York is 05:30 on the 23rd in Paris: it counts for the 22nd, where it was made.
        commit(3, at(22, 23, 30, NEW_YORK)),
        commit(4, at(23, 10), author="someone@else.org"),
        commit(5, at(24, 10), author="ME@example.COM"),
        commit(6, at(26, 10)),  # after now
        commit(7, datetime(2026, 10, 31, 23, 0, tzinfo=PARIS)),  # before the start
        commit(8, at(24, 11)),  # seen before
    ]
    plan = plan_repository("titanic", commits, authors=ME, seen={f"{8:040x}"}, start=START, now=NOW)
    assert [(entry.day, [c.hash[-1] for c in entry.commits]) for entry in plan.entries] == [
        (date(2026, 11, 22), ["3"]), (date(2026, 11, 23), ["1", "2"]), (date(2026, 11, 24), ["5"]),
    ]
    assert (plan.future, plan.before_start, plan.already_seen) == (1, 1, 1)
    assert plan.hashes == {f"{n:040x}" for n in (1, 2, 3, 5)}


def test_since_narrows_the_days_but_never_brings_in_days_before_the_start():
    commits = [commit(1, at(10, 9)), commit(2, at(20, 9)), commit(3, datetime(2026, 10, 20, 9, tzinfo=PARIS))]
    plan = plan_repository("t", commits, authors=ME, seen=set(), start=START, now=NOW, since=date(2026, 11, 15))
    assert [entry.day for entry in plan.entries] == [date(2026, 11, 20)]
    early = plan_repository("t", commits, authors=ME, seen=set(), start=START, now=NOW, since=date(2026, 10, 1))
    assert [entry.day for entry in early.entries] == [date(2026, 11, 10), date(2026, 11, 20)]
    assert early.before_start == 1


def test_a_commit_made_a_minute_from_now_waits_for_that_minute():
    plan = plan_repository("t", [commit(1, NOW + timedelta(minutes=1))], authors=ME, seen=set(), start=START, now=NOW)
    assert (plan.entries, plan.future) == ((), 1)


moments = st.datetimes(min_value=datetime(2026, 10, 25), max_value=datetime(2026, 11, 28)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
zones = st.sampled_from([PARIS, NEW_YORK, timezone.utc, timezone(timedelta(hours=5, minutes=30))])
histories = st.lists(st.tuples(moments, zones, st.booleans()), max_size=30)


@given(histories, st.sets(st.integers(0, 29)))
def test_every_new_commit_by_the_author_is_proposed_once_or_counted_as_left_out(history, seen_numbers):
    commits = [
        commit(number, moment.replace(tzinfo=zone), author="me@example.com" if mine else "other@example.com")
        for number, (moment, zone, mine) in enumerate(history)
    ]
    seen = {f"{number:040x}" for number in seen_numbers}
    plan = plan_repository("t", commits, authors=ME, seen=seen, start=START, now=NOW)
    proposed = [c.hash for entry in plan.entries for c in entry.commits]
    mine = [c for c in commits if c.author == "me@example.com"]
    assert len(proposed) == len(set(proposed)) == len(plan.hashes)
    assert not set(proposed) & seen
    assert len(proposed) + plan.future + plan.before_start + plan.already_seen == len(mine)
    for entry in plan.entries:
        assert {c.day for c in entry.commits} == {entry.day}
        assert entry.moment == min(c.authored for c in entry.commits)
        assert entry.minutes is not None and 30 <= entry.minutes <= 240
        assert START <= entry.day and entry.moment <= NOW
    assert [entry.day for entry in plan.entries] == sorted({entry.day for entry in plan.entries})


# Forges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "remote, web",
    [
        ("https://github.com/me/titanic.git", "https://github.com/me/titanic"),
        ("https://github.com/me/titanic", "https://github.com/me/titanic"),
        ("https://me:ghp_secret@github.com/me/titanic.git", "https://github.com/me/titanic"),
        ("https://oauth2:glpat-xyz@gitlab.com/group/sub/project.git", "https://gitlab.com/group/sub/project"),
        ("git@github.com:me/titanic.git", "https://github.com/me/titanic"),
        ("ssh://git@github.com/me/titanic.git", "https://github.com/me/titanic"),
        ("ssh://git@codeberg.org:22/me/titanic.git", "https://codeberg.org/me/titanic"),
        ("git@codeberg.org:me/titanic", "https://codeberg.org/me/titanic"),
        ("https://www.github.com/me/titanic/", "https://github.com/me/titanic"),
        ("https://GitHub.com/Me/Titanic.git", "https://github.com/Me/Titanic"),
        ("https://bitbucket.org/me/titanic.git", None),
        ("https://git.example.org/me/titanic.git", None),
        ("/home/me/backups/titanic.git", None),
        ("file:///home/me/titanic.git", None),
        ("https://github.com/me", None),
        ("https://github.com/me/../other", None),
        ("https://github.com/me/titanic\"><script>", None),
        ("", None),
        (None, None),
    ],
)
def test_a_remote_on_a_known_forge_gives_its_web_address_without_credentials(remote, web):
    assert web_address(remote) == web


@pytest.mark.parametrize(
    "web, link",
    [
        ("https://github.com/me/t", "https://github.com/me/t/commit/abc"),
        ("https://gitlab.com/g/t", "https://gitlab.com/g/t/-/commit/abc"),
        ("https://codeberg.org/me/t", "https://codeberg.org/me/t/commit/abc"),
    ],
)
def test_each_forge_has_its_own_path_to_a_commit(web, link):
    assert commit_link(web, "abc") == link


# Authors and notebooks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "address, kept",
    [("me@example.com", "me@example.com"), (" Me@Example.COM ", "me@example.com"), ("a+b@x.y", "a+b@x.y")],
)
def test_an_author_is_compared_by_address_ignoring_case(address, kept):
    assert check_author(address) == kept


@pytest.mark.parametrize("address", ["", "me", "me@", "@example.com", "me@exa mple.com", "<me@example.com>", "a@b@c"])
def test_what_is_not_an_address_is_refused(address):
    with pytest.raises(InputError, match="not an e-mail address"):
        check_author(address)


def test_each_changed_notebook_is_taken_at_the_last_commit_of_the_day_that_changed_it():
    entry = day_entry("t", [
        commit(1, at(23, 9), files=("a.ipynb", "model.py")),
        commit(2, at(23, 10), files=("b.IPYNB",)),
        commit(3, at(23, 11), files=("a.ipynb",)),
    ])
    assert changed_notebooks(entry) == [("a.ipynb", f"{3:040x}"), ("b.IPYNB", f"{2:040x}")]
