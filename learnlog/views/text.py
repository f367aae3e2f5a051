"""Small text formats shared by every view, and the rule for what reaches a terminal.
Standard library only, and not even re: the fast commands and the prompt use these
without loading Rich."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import BinaryIO, TextIO

    from learnlog.domain.records import TopicRecord

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The characters that reorder the text around them: the marks (ALM, LRM, RLM), the
embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI, FSI, PDI)."""
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"
_ISOLATES = "\u2066\u2067\u2068"
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"


def _visible(char: str) -> str:
    return repr(char)[1:-1] if char < " " else f"\\u{ord(char):04x}"


# The C0 controls but tab and line feed, DEL and the C1 controls (CSI and OSC in their
# one-byte forms): what no text format but JSON can carry, shown as escapes.
_CONTROLS = {code: _visible(chr(code)) for code in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
# What a terminal obeys rather than shows: those, the tab, and the bidi controls. A
# carriage return is left to `plain`, as one ending a line (csv and ics write CRLF) moves
# nothing the line feed would not. str.translate, not re: the prompt must not load re.
_OBEYED = {**_CONTROLS, 0x09: "\\t", **{ord(char): _visible(char) for char in BIDI_CONTROLS}}
del _OBEYED[0x0D]


def plain(text: str) -> str:
    """Text as every line learnlog prints to a terminal shows it: what the terminal
    would obey (control characters but the line feed, an escape sequence's ESC among
    them, and bidi controls) is shown as a visible escape, every other character as it
    is. The escapes read as Python's and JSON's (`\\t`, `\\u202e`; `\\x1b` for the other
    C0 controls, which JSON never holds raw), so JSON stays valid JSON; applying it twice
    changes nothing more."""
    shown = text.translate(_OBEYED)
    if "\r" in shown:
        shown = "\r\n".join(part.replace("\r", "\\r") for part in shown.split("\r\n"))
    return shown


def one_line(text: str) -> str:
    """User text on one line, for tables and one-line replies, shown as `plain` shows it."""
    return plain(" ".join(text.split()))


def first_line(text: str | None) -> str:
    """A note in a list: its first line, as one_line shows it, and ' …' when more
    lines follow (`learnlog show` and `entries --full` show it whole); '' for none."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    return one_line(lines[0]) + (" …" if len(lines) > 1 else "")


def silence_standard_output() -> None:
    """Point standard output at /dev/null, so that nothing half-written leaves on
    the way out (a reader gone away, a full disk)."""
    import os

    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (OSError, ValueError):
        pass


def say(text: str = "", *, file: TextIO | None = None) -> None:
    """Print a message: every reply, list and notice learnlog prints goes through
    here, shown as `plain` shows it, whatever user text or path it holds."""
    print(plain(text), file=file)


def visible_controls(text: str) -> str:
    """User text for a file format that cannot hold control characters (Markdown): the
    C0 controls but tab and line feed, DEL and the C1 controls shown as escapes; bidi
    controls kept (`bidi_closed` confines them)."""
    return text.translate(_CONTROLS)


def bidi_closed(text: str) -> str:
    """User text as typed, followed by the closing characters its bidi embeddings,
    overrides and isolates lack, so that placed in a page it reorders only itself and
    never the text after it (as Unicode's bidi algorithm pairs them, rules X1 to X8)."""
    if not any(char in _EMBEDDINGS or char in _ISOLATES for char in text):
        return text
    open_: list[str] = []
    for char in text:
        if char in _EMBEDDINGS:
            open_.append(_POP_EMBEDDING)
        elif char in _ISOLATES:
            open_.append(_POP_ISOLATE)
        elif char == _POP_EMBEDDING:
            # A PDF closes an embedding opened inside the current isolate, never beyond it.
            if open_ and open_[-1] == _POP_EMBEDDING:
                open_.pop()
        elif char == _POP_ISOLATE and _POP_ISOLATE in open_:
            # A PDI closes its isolate and every embedding opened inside it.
            while open_.pop() != _POP_ISOLATE:
                pass
    return text + "".join(reversed(open_))


class TerminalText:
    """A text stream that applies `plain` to what is written through it (and is the
    stream it wraps in every other respect)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(plain(text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


class TerminalBytes:
    """A byte stream of UTF-8 text that applies `plain` to what is written through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(plain(data.decode("utf-8")).encode("utf-8"))


def document_output(*, binary: bool = False):
    """Where a document (json, csv, markdown, html, ics) goes when it is not written to
    a file: standard output, the text as typed for a pipe or a file, shown as `plain`
    shows it when standard output is a terminal."""
    stream = sys.stdout.buffer if binary else sys.stdout
    if not sys.stdout.isatty():
        return stream
    return TerminalBytes(stream) if binary else TerminalText(stream)


def minutes_text(minutes: int | None) -> str:
    """90 -> '1h30m', 45 -> '45m', 120 -> '2h', None -> '?'."""
    if minutes is None:
        return "?"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def hours_text(minutes: int) -> str:
    """Minutes as hours with one decimal: 95 -> '1.6h'."""
    return f"{minutes / 60:.1f}h"


def day_text(day: date) -> str:
    """'Thu 27 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def clock_text(moment: datetime, now: datetime) -> str:
    """'14:05' on the day of `now`, else 'Tue 1 Dec 23:40'."""
    if moment.date() == now.date():
        return f"{moment:%H:%M}"
    return f"{day_text(moment.date())} {moment:%H:%M}"


def full_day_text(day: date) -> str:
    """'Thu 27 Nov 2026'."""
    return f"{day_text(day)} {day.year}"


def count_text(count: int, noun: str, plural: str | None = None) -> str:
    """'1 day', '3 days'; '2 entries' with the plural given."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def day_ahead_text(day: date, today: date) -> str:
    """'Thu 27 Nov' within today's year, 'Mon 1 Mar 2027' beyond it."""
    return day_text(day) if day.year == today.year else full_day_text(day)


def pace_text(topic: TopicRecord, today: date) -> str:
    """Where the dated target of a topic with a `pace` stands, in words: 'behind: 3.1h/week
    needed, 1.4h/week lately, at this pace Sat 10 Apr', 'on pace: ...', 'missed: 12.5h
    to go, ...' or 'met: 31.5h of 30h'."""
    from learnlog.domain.pace import PACE_WINDOW_DAYS

    pace = topic.pace
    if pace.state == "met":
        return f"met: {hours_text(topic.minutes)} of {topic.target_hours:g}h"
    if pace.state == "missed":
        first = f"missed: {pace.hours_to_go:.1f}h to go"
    else:
        state = "on pace" if pace.state == "on_pace" else "behind"
        first = f"{state}: {pace.needed_hours_per_week:.1f}h/week needed"
    if not pace.pace_hours_per_week:
        return f"{first}, nothing logged in the last {PACE_WINDOW_DAYS // 7} weeks"
    lately = f"{first}, {pace.pace_hours_per_week:.1f}h/week lately"
    return f"{lately}, at this pace {day_ahead_text(pace.projected, today)}" if pace.projected else lately
