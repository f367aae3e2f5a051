"""The front matter each blogging platform reads from a Markdown file in a git
repository, for `post draft --for FORMAT`.

Every string is a double-quoted YAML scalar (yaml_string), so whatever a title
or a tag holds (quotes, colons, #, newlines, emoji, other scripts), the value a
YAML parser reads back is exactly the text; each platform's own rules on its
values (required fields, tag limits and characters, date forms) are kept here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from learnlog.domain.settings import POST_FORMATS as FORMATS
from learnlog.errors import InputError
from learnlog.exporters.post import yaml_string

DEVTO_MAX_TAGS = 4
NONE = "none"
"""The value of a platform setting that is not set."""


@dataclass(frozen=True)
class PostOptions:
    """What `post draft` was told about the post beyond its entries."""

    title: str
    slug: str
    description: str
    """The draft's opening summary line (dev.to's description)."""
    tags: tuple[str, ...]
    now: datetime
    """When it is drafted, with the UTC offset (dates of hugo and jekyll)."""
    publish: bool = False
    subtitle: str | None = None
    cover: str | None = None
    canonical: str | None = None


def tag_slug(tag: str) -> str:
    """A tag as Hashnode's tag slugs are: 'Linear Algebra' -> 'linear-algebra'; '' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def devto_tag(tag: str) -> str:
    """A tag as dev.to takes them, lowercase letters and digits only: 'Linear Algebra' -> 'linearalgebra'."""
    ascii_text = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def _unique(values: Sequence[str]) -> list[str]:
    return [value for value in dict.fromkeys(values) if value]


def _tag_list(tags: Sequence[str]) -> list[str]:
    return ["tags:", *(f"  - {yaml_string(tag)}" for tag in tags)] if tags else ["tags: []"]


def front_matter_lines(fmt: str, post: PostOptions, settings: Mapping[str, str]) -> list[str]:
    """The front matter block, `---` to `---`, of `fmt` (one of FORMATS), or
    InputError when the platform would refuse the post as it stands."""
    if fmt == "plain":
        lines = [
            f"title: {yaml_string(post.title)}", f"slug: {yaml_string(post.slug)}",
            f"datePublished: {yaml_string(post.now.date().isoformat())}", *_tag_list(post.tags),
        ]
    elif fmt == "hashnode":
        lines = _hashnode(post, settings)
    elif fmt == "devto":
        lines = _devto(post, settings)
    elif fmt == "hugo":
        lines = [
            f"title: {yaml_string(post.title)}", f"date: {yaml_string(post.now.isoformat(timespec='seconds'))}",
            f"draft: {'false' if post.publish else 'true'}", *_tag_list(_unique(list(post.tags))),
            f"slug: {yaml_string(post.slug)}",
        ]
    elif fmt == "jekyll":
        lines = [
            "layout: post", f"title: {yaml_string(post.title)}",
            f"date: {yaml_string(post.now.strftime('%Y-%m-%d %H:%M:%S %z'))}", *_tag_list(_unique(list(post.tags))),
        ]
    else:
        raise InputError(f"not a post format: {fmt!r} (use one of {', '.join(FORMATS)})")
    return ["---", *lines, "---"]


def _hashnode(post: PostOptions, settings: Mapping[str, str]) -> list[str]:
    tags = _unique([tag_slug(tag) for tag in post.tags])
    if not tags:
        raise InputError("Hashnode needs at least one tag: add one with --tag (post draft --for hashnode --tag numpy)")
    domain = settings.get("hashnode-domain", NONE)
    if domain == NONE:
        raise InputError(
            "Hashnode needs your blog's domain: learnlog config hashnode-domain YOURNAME.hashnode.dev"
        )
    lines = [
        f"title: {yaml_string(post.title)}", f"slug: {yaml_string(post.slug)}",
        f"tags: {yaml_string(', '.join(tags))}", f"domain: {yaml_string(domain)}",
    ]
    if post.subtitle:
        lines.append(f"subtitle: {yaml_string(post.subtitle)}")
    if post.cover:
        lines.append(f"cover: {yaml_string(post.cover)}")
    series = settings.get("hashnode-series", NONE)
    if series != NONE:
        lines.append(f"seriesSlug: {yaml_string(series)}")
    if not post.publish:
        lines.append("saveAsDraft: true")
    return lines


def _devto(post: PostOptions, settings: Mapping[str, str]) -> list[str]:
    tags = _unique([devto_tag(tag) for tag in post.tags])[:DEVTO_MAX_TAGS]
    lines = [
        f"title: {yaml_string(post.title)}", f"published: {'true' if post.publish else 'false'}",
        f"description: {yaml_string(post.description)}", *_tag_list(tags),
    ]
    if post.canonical:
        lines.append(f"canonical_url: {yaml_string(post.canonical)}")
    if post.cover:
        lines.append(f"cover_image: {yaml_string(post.cover)}")
    series = settings.get("devto-series", NONE)
    if series != NONE:
        lines.append(f"series: {yaml_string(series)}")
    return lines
