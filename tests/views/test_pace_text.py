"""How a dated target's pace reads, in `topic list` and the dashboard: one phrase
per state. Today is Wed 25 Nov 2026; each target is due Wed 23 Dec, 4 weeks ahead."""

from datetime import date

import pytest

from learnlog.domain.pace import target_pace
from learnlog.domain.records import TopicRecord
from learnlog.views.text import pace_text

TODAY = date(2026, 11, 25)


def topic(hours: float, minutes: int, recent: int, by: date = date(2026, 12, 23)) -> TopicRecord:
    pace = target_pace(target_hours=hours, target_by=by, minutes=minutes, recent_minutes=recent, today=TODAY)
    return TopicRecord(1, "NumPy", None, hours, False, None, 1, minutes, TODAY, target_by=by, pace=pace)


WORDS = [
    pytest.param(topic(30, 1890, 600), "met: 31.5h of 30h", id="met"),
    pytest.param(topic(30, 600, 1680), "on pace: 5.0h/week needed, 7.0h/week lately, at this pace Tue 15 Dec",
                 id="on-pace"),
    pytest.param(topic(30, 600, 480), "behind: 5.0h/week needed, 2.0h/week lately, at this pace Wed 3 Feb 2027",
                 id="behind-into-next-year"),
    pytest.param(topic(30, 600, 0), "behind: 5.0h/week needed, nothing logged in the last 4 weeks",
                 id="behind-with-nothing-lately"),
    pytest.param(topic(100_000, 0, 1, by=date(9999, 12, 31)), "behind: 0.2h/week needed, 0.0h/week lately",
                 id="behind-beyond-the-calendar"),
    pytest.param(topic(30, 600, 480, by=date(2026, 11, 24)),
                 "missed: 20.0h to go, 2.0h/week lately, at this pace Wed 3 Feb 2027", id="missed"),
    pytest.param(topic(30, 600, 0, by=date(2026, 11, 24)), "missed: 20.0h to go, nothing logged in the last 4 weeks",
                 id="missed-with-nothing-lately"),
]


@pytest.mark.parametrize(("paced", "words"), WORDS)
def test_each_pace_state_reads_as_one_phrase(paced, words):
    assert pace_text(paced, TODAY) == words
