"""Days are the user's local calendar days: a daylight-saving change or a trip
across time zones never skips or doubles a day."""

import json

import pytest

pytestmark = pytest.mark.both_backends


def entries_by_note(learnlog):
    return {entry["note"]: entry for entry in json.loads(learnlog("entries", "--all", "--json").stdout)}


@pytest.mark.parametrize(
    "start, sessions, expected",
    [
        pytest.param(
            "2026-03-26",
            [
                ("2026-03-28T23:30", "late saturday", "2026-03-28", "+01:00"),
                ("2026-03-29T00:30", "just after midnight", "2026-03-29", "+01:00"),
                ("2026-03-29T03:30", "after the clocks jumped", "2026-03-29", "+02:00"),
                ("2026-03-30T00:30", "monday night owl", "2026-03-30", "+02:00"),
            ],
            {"day": 4, "last_checkin": "2026-03-30", "streak": {"checkins": 3, "days": 3, "since": "2026-03-28"}},
            id="spring-forward week",
        ),
        pytest.param(
            "2026-10-22",
            [
                ("2026-10-24T23:30", "late saturday", "2026-10-24", "+02:00"),
                ("2026-10-25T00:30", "just after midnight", "2026-10-25", "+02:00"),
                ("2026-10-25T23:30", "sunday, the long day", "2026-10-25", "+01:00"),
                ("2026-10-26T00:30", "monday night owl", "2026-10-26", "+01:00"),
            ],
            {"day": 4, "last_checkin": "2026-10-26", "streak": {"checkins": 3, "days": 3, "since": "2026-10-24"}},
            id="fall-back week",
        ),
    ],
)
def test_sessions_count_for_their_local_day_across_daylight_saving(berlin, learnlog, start, sessions, expected):
    assert learnlog("init", "--start", start, today=start).exit_code == 0
    for moment, note, _, _ in sessions:
        assert learnlog("log", "numpy", "-m", note, today=moment).exit_code == 0

    logged = entries_by_note(learnlog)
    for moment, note, day, offset in sessions:
        assert logged[note]["date"] == day
        assert logged[note]["timestamp"] == f"{moment}:00{offset}"
    status = json.loads(learnlog("status", "--json").stdout)
    assert {key: status[key] for key in expected} == expected


def test_a_day_logged_with_an_explicit_time_keeps_the_offset_of_that_day(berlin, learnlog):
    learnlog("init", "--start", "2026-03-20", today="2026-04-02")
    learnlog("log", "numpy", "--date", "2026-03-28 21:00", "-m", "winter time")
    learnlog("log", "numpy", "--date", "2026-03-30 21:00", "-m", "summer time")
    logged = entries_by_note(learnlog)
    assert logged["winter time"]["timestamp"] == "2026-03-28T21:00:00+01:00"
    assert logged["summer time"]["timestamp"] == "2026-03-30T21:00:00+02:00"
