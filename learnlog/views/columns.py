"""Plain columns: a listing drawn as text in a terminal's width, for the everyday
commands that list things (`entries`). Standard library only: Rich's start-up alone
costs a listing more than the rest of the command, and a listing needs no more than
columns, wrapping and a few styles.

A row is one text per column; a text may carry styles over ranges of itself
(`Styled`). Columns are as wide as their widest text, two spaces apart; when that is
wider than the terminal, the flexible column gives way first, down to its minimum,
then the wrapping ones, widest first, and their texts wrap at spaces (a word longer
than its column is cut). Widths are terminal cells: East Asian wide characters take
two, combining marks none. Styles are drawn as SGR codes only when asked for colour,
which `colour_wanted` decides as Rich does: a terminal, or FORCE_COLOR, and never
with NO_COLOR or a dumb terminal.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections import namedtuple
from collections.abc import Sequence

GAP = "  "
DEFAULT_WIDTH = 80
"""The width when neither COLUMNS nor the terminal says: what Rich assumes too."""
MIN_FLEXIBLE = 20
"""The flexible column keeps this many cells before the others give way."""
LAST_FLEXIBLE = 12
MIN_WRAPPING = 8
MAX_WORD_KEPT = 16
"""A wrapping column keeps its longest word whole, up to this many cells, while the
flexible column can still give way."""
STYLES = {"bold": "1", "dim": "2", "cyan": "36", "magenta": "35"}
RESET = "\x1b[0m"


class Styled(namedtuple("Styled", "text spans", defaults=((),))):
    """Text and the styles over its ranges: `spans` holds (start, end, style name),
    in characters. (A named tuple, not a dataclass: typing stays unloaded.)"""

    __slots__ = ()

    def append(self, more: str, style: str | None = None) -> Styled:
        """This text followed by `more`, in `style` (or unstyled)."""
        start = len(self.text)
        spans = self.spans + (((start, start + len(more), style),) if style and more else ())
        return Styled(self.text + more, spans)


class Column(namedtuple("Column", "header right wraps flexible", defaults=(False, True, False))):
    """A column: its `header`; `right` aligned (numbers), else left; whether it
    `wraps` when the columns are too wide together (else its texts stay on one line);
    whether it is `flexible`, giving way first, down to MIN_FLEXIBLE (the notes)."""

    __slots__ = ()


def char_width(char: str) -> int:
    """The terminal cells `char` takes: 0 for combining marks and zero-width
    characters, 2 for East Asian wide and fullwidth ones, 1 for the rest."""
    if char < "\u0300":
        return 1
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\u2060\ufeff" or "\ufe00" <= char <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def text_width(text: str) -> int:
    """The terminal cells `text` takes on one line."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def terminal_width(stream=None) -> int:
    """COLUMNS when it holds a width, else the terminal's, else DEFAULT_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, OSError, ValueError):
        pass
    return DEFAULT_WIDTH


def colour_wanted(stream=None) -> bool:
    """Colour on a terminal or with FORCE_COLOR; never with NO_COLOR, or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _cut(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """text[start:end], one word, in pieces of at most `width` cells."""
    pieces = []
    used = 0
    piece_start = start
    for index in range(start, end):
        cells = char_width(text[index])
        if used + cells > width and index > piece_start:
            pieces.append((piece_start, index))
            piece_start, used = index, 0
        used += cells
    pieces.append((piece_start, end))
    return pieces


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """`text` as lines of at most `width` cells: (start, end) of each, in characters.
    Lines break at its line breaks and at spaces (the spaces at a break are dropped);
    a word longer than a line is cut. An empty text is one empty line."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        line_start = line_end = None
        used = 0
        index = start
        while index < end:
            if text[index] == " ":
                index += 1
                continue
            word_end = text.find(" ", index, end)
            word_end = end if word_end < 0 else word_end
            cells = text_width(text[index:word_end])
            if line_start is not None:
                gap = text_width(text[line_end:index])
                if used + gap + cells <= width:
                    line_end, used = word_end, used + gap + cells
                    index = word_end
                    continue
                lines.append((line_start, line_end))
                line_start = None
            if cells <= width:
                line_start, line_end, used = index, word_end, cells
            else:
                *whole, (last_start, last_end) = _cut(text, index, word_end, width)
                lines.extend(whole)
                line_start, line_end, used = last_start, last_end, text_width(text[last_start:last_end])
            index = word_end
        lines.append((line_start, line_end) if line_start is not None else (start, start))
    return lines


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[Styled]], width: int) -> list[int]:
    """Each column's width in cells: its widest text (or header), then, while the
    whole is wider than `width`, the flexible column down to MIN_FLEXIBLE, then the
    widest wrapping column one cell at a time, none below its longest word (up to
    MAX_WORD_KEPT cells) or MIN_WRAPPING, then the flexible column down to
    LAST_FLEXIBLE. Narrower than that, the lines are wider than `width`: the
    terminal folds them, which reads better than a column of single letters."""
    widths = [
        max([text_width(column.header), *(max(map(text_width, row[index].text.split("\n"))) for row in rows)])
        for index, column in enumerate(columns)
    ]
    room = width - len(GAP) * (len(columns) - 1)
    over = sum(widths) - room
    if over <= 0:
        return widths
    flexible = [index for index, column in enumerate(columns) if column.flexible]
    for index in flexible:
        give = min(over, max(widths[index] - MIN_FLEXIBLE, 0))
        widths[index] -= give
        over -= give
    floors = {
        index: min(widths[index], max(MIN_WRAPPING, min(_longest_word(columns, rows, index), MAX_WORD_KEPT)))
        for index, column in enumerate(columns)
        if column.wraps and not column.flexible
    }
    while over > 0:
        able = [index for index, floor in floors.items() if widths[index] > floor]
        if not able:
            break
        widest = max(able, key=lambda index: widths[index])
        widths[widest] -= 1
        over -= 1
    for index in flexible:
        give = min(over, max(widths[index] - LAST_FLEXIBLE, 0))
        widths[index] -= give
        over -= give
    return widths


def _longest_word(columns: Sequence[Column], rows: Sequence[Sequence[Styled]], index: int) -> int:
    words = (word for row in rows for word in row[index].text.split())
    return max(map(text_width, words), default=text_width(columns[index].header))


def _drawn(text: Styled, start: int, end: int, colour: bool) -> str:
    """text.text[start:end], with its styles as SGR codes when `colour`."""
    if not colour or not text.spans:
        return text.text[start:end]
    pieces = []
    position = start
    for span_start, span_end, style in sorted(text.spans):
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces.append(text.text[position:span_start])
        pieces.append(f"\x1b[{STYLES[style]}m{text.text[span_start:span_end]}{RESET}")
        position = span_end
    pieces.append(text.text[position:end])
    return "".join(pieces)


def draw(
    columns: Sequence[Column], rows: Sequence[Sequence[Styled | str]], *, width: int, colour: bool,
) -> list[str]:
    """The header (bold with colour) and the rows as lines, each at most `width`
    cells wide when the columns can be made to fit (see `column_widths`), trailing
    spaces taken off."""
    cells = [[cell if isinstance(cell, Styled) else Styled(cell) for cell in row] for row in rows]
    widths = column_widths(columns, cells, width)
    bold = f"\x1b[{STYLES['bold']}m" if colour else ""
    lines = []
    header = GAP.join(
        _padded(column.header, column.header, size, column.right) for column, size in zip(columns, widths)
    )
    lines.append(f"{bold}{header.rstrip()}{RESET}" if colour else header.rstrip())
    for row in cells:
        wrapped = [
            # A column that never wraps is never narrower than its widest text.
            wrap(cell.text, size) if column.wraps else [(0, len(cell.text))]
            for column, cell, size in zip(columns, row, widths)
        ]
        for line in range(max(map(len, wrapped))):
            parts = []
            for column, cell, size, spans in zip(columns, row, widths, wrapped):
                start, end = spans[line] if line < len(spans) else (0, 0)
                parts.append(_padded(cell.text[start:end], _drawn(cell, start, end, colour), size, column.right))
            lines.append(GAP.join(parts).rstrip())
    return lines


def _padded(text: str, drawn: str, size: int, right: bool) -> str:
    fill = " " * max(size - text_width(text), 0)
    return fill + drawn if right else drawn + fill


def print_lines(lines: Sequence[str]) -> None:
    """Print drawn lines. Not through `say`, which would show their SGR codes as
    escapes: every user text in them was already made `plain` by the view."""
    sys.stdout.write("".join(f"{line}\n" for line in lines))
