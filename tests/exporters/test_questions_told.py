"""What the post draft and the progress reports tell of questions and bugs: the ones
answered and fixed, with their answers, and the ones still open (golden files in
tests/golden, rewritten with LEARNLOG_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import re
from collections import Counter

from journeys import START, build_report, day, entry, matches_golden, question

from learnlog.domain.cadence import DayActivity, Rule, journey_facts
from learnlog.domain.report import build_post_draft
from learnlog.exporters.html import report_html
from learnlog.exporters.markdown import report_markdown
from learnlog.exporters.post import post_markdown

# The last post was on day 6 at 10:00 and covered days 0 to 6.
EARLIER = [
    entry(1, 2, "Pandas", 60, "bug", note="SettingWithCopyWarning everywhere"),
    entry(2, 4, "Statistics", 40, "confusion", note="p-values vs confidence intervals?"),
    entry(3, 5, "Linear Algebra", 30, "confusion", note="Why do eigenvectors matter?"),
]
SINCE_LAST_POST = [
    entry(4, 7, "NumPy", 45, note="Broadcasting rules"),
    entry(5, 7, "NumPy", 20, "bug", note="Shape mismatch (3,) vs (3,1)"),
    entry(6, 8, "NumPy", 30, "confusion", note="When is a view a copy?\nAnd why does it matter?"),
    entry(7, 9, "Pandas", 25, "confusion", note="What does *inplace* really do?"),
]
QUESTIONS = (
    question(EARLIER[0], 8, "Use .loc on the original frame, not on a slice of it.", "https://example.com/loc"),
    question(EARLIER[1], 9, "A confidence interval holds the values a test at that level\nwould not reject."),
    question(EARLIER[2]),
    question(SINCE_LAST_POST[1], 7, "reshape(-1, 1) before adding"),
    question(SINCE_LAST_POST[2], 9, "`base` tells: a view has one, a copy has None."),
    question(SINCE_LAST_POST[3]),
)


def draft():
    days = Counter(item.day for item in SINCE_LAST_POST)
    facts = journey_facts(
        start=START, today=day(9), rules=[Rule(START, 3, "any")],
        activity=[DayActivity(day(6), 1, 1), *(DayActivity(logged, count, 0) for logged, count in days.items())],
        excused=[],
    )
    return build_post_draft(
        facts=facts, entries=SINCE_LAST_POST, previous_post=day(6), stale=(),
        resolved=sorted((found for found in QUESTIONS if found.resolution), key=lambda found: found.resolution.day),
        still_open=[found for found in QUESTIONS if not found.resolution],
    )


def test_the_draft_tells_the_answers_and_fixes_per_topic_then_what_is_still_open():
    assert matches_golden("post-questions.md", post_markdown(draft()))


def test_a_resolved_question_appears_under_questions_i_answered_only():
    text = post_markdown(draft())

    numpy = text.split("## NumPy", 1)[1].split("\n## ", 1)[0]
    assert "### What confused me" not in numpy
    assert numpy.count("When is a view a copy?") == 1
    assert "### Bugs\n" not in numpy and numpy.count("Shape mismatch") == 1


def test_a_topic_with_answers_only_has_no_sessions_line():
    text = post_markdown(draft())

    statistics = text.split("## Statistics", 1)[1].split("\n## ", 1)[0]
    assert "session" not in statistics
    assert "### Questions I answered" in statistics


def report():
    return build_report([*EARLIER, *SINCE_LAST_POST], since=7, until=9, today=9, questions=QUESTIONS)


def test_the_markdown_report_tells_the_questions_answered_the_bugs_fixed_and_what_is_still_open():
    assert matches_golden("report-questions.md", report_markdown(report()))


def test_the_html_report_tells_the_questions_answered_the_bugs_fixed_and_what_is_still_open():
    page = report_html(report())
    sections = page[page.index("<section>\n<h2>Questions answered"):page.index("<section>\n<h2>Entries by day")]

    assert matches_golden("report-questions.html", sections)


def test_a_report_tells_only_the_resolutions_of_its_period_and_what_was_open_at_its_end():
    text = report_markdown(build_report([*EARLIER, *SINCE_LAST_POST], since=0, until=7, today=9, questions=QUESTIONS))

    answered = text.split("## Questions answered", 1)[1].split("\n## ", 1)[0]
    fixed = text.split("## Bugs fixed", 1)[1].split("\n## ", 1)[0]
    still_open = text.split("## Still open", 1)[1].split("\n## ", 1)[0]
    assert "None in this period." in answered
    assert "Shape mismatch" in fixed and "SettingWithCopyWarning" not in fixed
    # Open on day 7: the Pandas bug (fixed on day 8), both questions of days 4 and 5.
    assert re.findall(r"^- \w+ \d+ \w+", still_open, re.M) == ["- Wed 4 Nov", "- Fri 6 Nov", "- Sat 7 Nov"]
    assert "open 5 days" in still_open


def test_answers_are_literal_markdown_and_escaped_html():
    hostile = question(entry(9, 7, "NumPy", 10, "bug", note="<b>bold</b>"), 8, "# not a heading\n<script>x</script>")
    built = build_report([], since=7, until=9, today=9, questions=(hostile,))

    text = report_markdown(built)
    page = report_html(built)

    assert "Fix (after 1 day): \\# not a heading" in text and "  \\<script>x\\</script>" in text
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
