"""The pages learnlog writes (the html report of `export --format html`, the public
site, its feed and pictures, and the group's board), made from the Jinja2 templates
under templates/, and the pieces every page draws the same way: a calendar day's
mark, weeks and their month labels, file sizes, links.

Autoescaping is on for every template, HTML, SVG and Atom alike, and every value a
template prints passes `printed`: its bidi controls closed (they reorder nothing
after it), the control characters no page or XML document can hold made visible,
then escaped, quotes too, so user text is always text, in content and in quoted
attributes. Nothing here reads a clock or the disk: the same data renders the same
bytes. Jinja2 is imported only when a page is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape
from urllib.parse import quote

from learnlog.domain.progress import ACTIVE, CHECKIN, EXCUSED, MISSED, OUTSIDE, QUIET, CalendarDay
from learnlog.views.status import percent_text, streak_text
from learnlog.views.text import (
    BIDI_CONTROLS, bidi_closed, count_text, day_text, full_day_text, hours_text, minutes_text, visible_controls,
)

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)
"""Every page may only use its own inline styles and data: images: no script runs and
nothing is loaded, from the page's own site or any other, even if some text slipped
past escaping."""

MARK_GLYPHS = {CHECKIN: "✓", ACTIVE: "○", MISSED: "✗", EXCUSED: "~", QUIET: "", OUTSIDE: ""}
"""A glyph per mark, so a day's meaning never rests on colour alone."""
MARK_MEANINGS = {
    CHECKIN: "check-in", ACTIVE: "logged, didn't count", MISSED: "missed", EXCUSED: "excused",
    QUIET: "quiet", OUTSIDE: "outside the journey",
}
LEGEND_MARKS = (CHECKIN, ACTIVE, MISSED, EXCUSED, OUTSIDE)
"""The marks a calendar's legend explains, in its order."""
LEGEND_LEVELS = {CHECKIN: 2, ACTIVE: 1, MISSED: 0, EXCUSED: 0, OUTSIDE: 0}
"""The shade a legend's swatch of each mark is drawn in."""
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_LINK_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}"
_BIDI_IN_ADDRESS = re.compile(f"[{BIDI_CONTROLS}]")
_NOT_IN_XML = {0xFFFE: "\\ufffe", 0xFFFF: "\\uffff"}


def shown(value: object) -> object:
    """What a template prints for a value, before escaping: text with its bidi controls
    closed and the control characters shown as escapes; anything else as it is."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_controls(bidi_closed(value)).translate(_NOT_IN_XML)
    return value


def printed(value: object) -> object:
    """What a template prints for a value: `shown`, then escaped for content and quoted
    attributes alike (`"` as `&quot;`, `'` as `&#x27;`). Markup the pages build
    themselves (links in a note) passes as it is."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(shown(value), quote=True))
    return value


def web_address(link: str | None) -> str | None:
    """`link` as a page may link it: an http(s) address, its bidi controls
    percent-encoded (the same address, shown as it is); None for anything else."""
    if not link or not _WEB_ADDRESS.fullmatch(link):
        return None
    return _bidi_encoded(link)


def _bidi_encoded(address: str) -> str:
    """`address` with its bidi controls percent-encoded: the same address, which
    reorders nothing when shown."""
    return _BIDI_IN_ADDRESS.sub(lambda match: quote(match.group()), address)


def anchor(address: str):
    """A link to an http(s) `address`, which the page it opens cannot reach back through."""
    from markupsafe import Markup

    target = printed(_bidi_encoded(address))
    return Markup(f'<a href="{target}" rel="noopener">{target}</a>')


def linked(note: str):
    """A note as printed text with each web address in it made a link, the punctuation
    that ends a sentence left outside."""
    from markupsafe import Markup

    pieces = []
    position = 0
    for match in _LINK_IN_TEXT.finditer(note):
        address = match.group().rstrip(_TRAILING_PUNCTUATION)
        pieces.append(printed(note[position : match.start()]))
        pieces.append(anchor(address))
        position = match.start() + len(address)
    pieces.append(printed(note[position:]))
    return Markup("").join(pieces)


def link(text: str):
    """An entry's link: a link for an http(s) address, plain text for anything else."""
    address = web_address(text)
    return anchor(address) if address else printed(text)


def calendar_weeks(days: Sequence[CalendarDay]) -> list[list[CalendarDay | None]]:
    """`days` (consecutive) cut into Monday-to-Sunday weeks; None fills the days before
    the first and after the last."""
    if not days:
        return []
    cells: list[CalendarDay | None] = [None] * days[0].day.weekday() + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[index : index + 7] for index in range(0, len(cells), 7)]


def month_labels(weeks: Sequence[Sequence[CalendarDay | None]]) -> list[str]:
    """A column label per week: the month's short name on the first week and on each
    week holding a month's first day, empty otherwise."""
    labels = []
    for index, week in enumerate(weeks):
        days = [cell.day for cell in week if cell is not None]
        first_of_month = next((day for day in days if day.day == 1), None)
        label = days[0] if index == 0 else first_of_month
        labels.append(f"{label:%b}" if label else "")
    return labels


def day_title(day: CalendarDay) -> str:
    """'Wed 25 Nov 2026: check-in, 1h30m': a calendar day's text alternative."""
    logged = f", {minutes_text(day.minutes)}" if day.minutes else ""
    return f"{full_day_text(day.day)}: {MARK_MEANINGS[day.mark]}{logged}"


def legend() -> tuple[tuple[str, int, str, str], ...]:
    """(mark, level, glyph, meaning) for each mark a calendar draws."""
    return tuple((mark, LEGEND_LEVELS[mark], MARK_GLYPHS[mark], MARK_MEANINGS[mark]) for mark in LEGEND_MARKS)


def size_text(size: int) -> str:
    """Bytes for people: 512 -> '512 B', 2048 -> '2.0 KB', 3_500_000 -> '3.3 MB'."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@cache
def environment():
    """The Jinja2 environment of every page's templates."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    templates = Environment(
        loader=PackageLoader("learnlog.pages", "templates"),
        autoescape=True,
        finalize=printed,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    templates.filters.update(
        day=day_text, full_day=full_day_text, hours=hours_text, minutes=minutes_text, percent=percent_text,
        streak=streak_text, counted=count_text, size=size_text, linked=linked, link=link,
    )
    templates.globals.update(csp=CONTENT_SECURITY_POLICY, glyphs=MARK_GLYPHS, meanings=MARK_MEANINGS)
    return templates


def render(template: str, **context) -> str:
    """The page `template` (a name under templates/) made from `context`."""
    return environment().get_template(template).render(**context)
