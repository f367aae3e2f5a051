"""Just enough of a DOM to ask a page questions (elements, attributes, text), for
the tests of every page learnlog writes: the html report and the public site."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, class_: str | None = None) -> list[Element]:
        return [
            element for element in self.iter()
            if element.tag == tag and (class_ is None or class_ in (element.attrs.get("class") or "").split())
        ]

    def find(self, tag: str, class_: str | None = None) -> Element:
        found = self.find_all(tag, class_)
        assert found, f"no <{tag} class={class_!r}> in the page"
        return found[0]

    def by_id(self, id_: str) -> Element:
        found = [element for element in self.iter() if element.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]


class _TreeBuilder(HTMLParser):
    VOID = {"meta", "img", "br", "hr", "input", "link", "source", "base", "col", "wbr", "rect", "stop"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(page: str) -> Element:
    """Just enough of a DOM to ask a page questions: elements, attributes, text."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root
