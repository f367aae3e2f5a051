"""Plain columns (learnlog.views.columns), the listing `entries` draws without Rich:
widths in terminal cells, wrapping, how columns give way, and styles only in colour."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from learnlog.views.columns import (
    LAST_FLEXIBLE, MIN_FLEXIBLE, Column, Styled, colour_wanted, column_widths, draw, text_width, wrap,
)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("numpy", 5), ("", 0), ("日本語", 6), ("ｆｕｌｌ", 8), ("e\u0301", 1), ("👍", 2), ("a\u200db", 2),
        ("tab\\t", 5),
    ],
)
def test_text_takes_the_cells_a_terminal_gives_it(text, width):
    assert text_width(text) == width


def lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap(text, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        pytest.param("broadcasting finally clicked", 40, ["broadcasting finally clicked"], id="fits"),
        pytest.param("broadcasting finally clicked", 20, ["broadcasting finally", "clicked"], id="breaks at a space"),
        pytest.param("a  b", 3, ["a  b"[:1], "b"], id="the spaces at a break are dropped"),
        pytest.param(
            "see https://numpy.org/doc", 10, ["see", "https://nu", "mpy.org/do", "c"], id="a long word is cut",
        ),
        pytest.param("one\ntwo three", 20, ["one", "two three"], id="line breaks are kept"),
        pytest.param("one\n\ntwo", 20, ["one", "", "two"], id="an empty line too"),
        pytest.param("", 5, [""], id="nothing is one empty line"),
        pytest.param("日本語のノート", 6, ["日本語", "のノー", "ト"], id="wide characters by cells"),
        pytest.param("word", 0, ["w", "o", "r", "d"], id="no room: a character a line"),
    ],
)
def test_wrapping(text, width, expected):
    assert lines(text, width) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \n"), max_size=80),
       st.integers(min_value=2, max_value=30))
def test_wrapped_lines_fit_and_lose_nothing_but_the_spaces_at_breaks(text, width):
    wrapped = lines(text, width)
    assert all(text_width(line) <= width for line in wrapped)
    assert "".join("".join(line.split()) for line in wrapped) == "".join(text.split())
    assert len(wrapped) >= text.count("\n") + 1


COLUMNS = (Column("#", right=True, wraps=False), Column("Topic"), Column("Note", flexible=True))


def row(number: int, topic: str, note: str):
    return (str(number), topic, Styled(note))


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        pytest.param(100, [2, 17, 60], id="room for everything"),
        pytest.param(60, [2, 17, 37], id="the note gives way first"),
        pytest.param(43, [2, 17, MIN_FLEXIBLE], id="down to its minimum"),
        pytest.param(37, [2, 11, MIN_FLEXIBLE], id="then the topic"),
        pytest.param(30, [2, 10, 14], id="to its longest word, then the note again"),
        pytest.param(20, [2, 10, LAST_FLEXIBLE], id="too narrow: the note keeps a last few cells"),
    ],
)
def test_columns_give_way_in_order(width, expected):
    rows = [[Styled("12"), Styled("Linear Regression"), Styled("x" * 60)]]
    assert column_widths(COLUMNS, rows, width) == expected


def test_a_table_fits_its_width_aligns_numbers_right_and_wraps_the_note():
    rows = [row(9, "NumPy", "broadcasting finally clicked"), row(10, "Pandas", "groupby")]
    drawn = draw(COLUMNS, rows, width=30, colour=False)
    assert drawn == [
        " #  Topic   Note",
        " 9  NumPy   broadcasting",
        "            finally clicked",
        "10  Pandas  groupby",
    ]
    assert all(text_width(line) <= 30 for line in drawn)


def test_styles_are_drawn_only_in_colour_and_end_where_their_text_ends():
    note = Styled("fixed it").append(" #bug", "cyan")
    plain = draw(COLUMNS, [("1", "NumPy", note)], width=80, colour=False)
    coloured = draw(COLUMNS, [("1", "NumPy", note)], width=80, colour=True)
    assert "\x1b" not in "".join(plain)
    assert coloured[0] == "\x1b[1m#  Topic  Note\x1b[0m"
    assert coloured[1] == "1  NumPy  fixed it\x1b[36m #bug\x1b[0m"


def test_a_style_continues_on_the_next_line_of_a_wrapped_note():
    note = Styled("see").append(" https://example.com/a-long-address", "dim")
    drawn = draw(COLUMNS, [("1", "NumPy", note)], width=30, colour=True)
    assert drawn[1] == "1  NumPy  see"
    assert [line.count("\x1b[2m") for line in drawn[2:]] == [1, 1]
    assert all(line.endswith("\x1b[0m") for line in drawn[2:])


@pytest.mark.parametrize(
    ("environment", "terminal", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ],
)
def test_colour_as_rich_decides_it(monkeypatch, environment, terminal, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    class Stream:
        def isatty(self):
            return terminal

    assert colour_wanted(Stream()) is expected
