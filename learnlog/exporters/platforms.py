"""The front matter each blogging platform reads from a Markdown file in a git
repository, for `post draft --for FORMAT`.

Every string is a double-quoted YAML scalar (yaml_string), so whatever a title
or a tag holds (quotes, colons, #, newlines, emoji, other scripts), the value a
YAML parser reads back is exactly the text; each platform's own rules on its
values (required fields, tag limits and characters, date forms) are kept here.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath, PurePosixPath
from urllib.parse import quote

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


@dataclass(frozen=True)
class PostLayout:
    """Where a draft and its attachments go, and how the post links to them."""

    post: PurePath
    assets: PurePath
    link_base: str | None = None
    """An absolute address (a site root, or --image-base-url) the links start
    from; None for links relative to the post."""
    relative_to: PurePath | None = None
    """What a link's path is taken relative to, before link_base goes in front."""

    def link(self, target: PurePath) -> str:
        """The address of `target` (a file in `assets`) as the post writes it: a
        path (not URL-encoded), or from an http(s) link_base, a URL (encoded)."""
        relative = PurePosixPath(*PurePath(os.path.relpath(target, self.relative_to or self.post.parent)).parts)
        if self.link_base is None:
            return str(relative)
        if self.link_base == "/":
            return f"/{relative}"
        return f"{self.link_base.rstrip('/')}/{quote(str(relative), safe='/')}"


def post_layout(fmt: str, folder: PurePath, slug: str, day: date, *, image_base_url: str | None) -> PostLayout:
    """The files of a draft written into `folder`, as `fmt`'s platform serves them:
    plain beside each other (slug.md, slug-assets/); hugo as a page bundle
    (slug/index.md with its files); jekyll with the post in the folder (normally
    _posts/) as YYYY-MM-DD-slug.md and its files in assets/slug/ beside that
    folder, linked from the site root; hashnode and devto, which serve no files,
    as plain, linked from `image_base_url`."""
    if fmt == "hugo":
        bundle = folder / slug
        return PostLayout(bundle / "index.md", bundle)
    if fmt == "jekyll":
        site = folder.parent
        return PostLayout(folder / f"{day.isoformat()}-{slug}.md", site / "assets" / slug, "/", relative_to=site)
    post = folder / f"{slug}.md"
    base = image_base_url if fmt in ("hashnode", "devto") else None
    return PostLayout(post, folder / f"{slug}-assets", base)


def file_layout(fmt: str, output: PurePath, assets: PurePath | None, *, image_base_url: str | None) -> PostLayout:
    """The files of a draft written to the file `output`: its attachments in
    `assets` (default: beside it, OUTPUT-assets/), linked relative to it, or
    from `image_base_url` on hashnode and devto."""
    base = image_base_url if fmt in ("hashnode", "devto") else None
    return PostLayout(output, assets if assets is not None else output.with_name(output.stem + "-assets"), base)


def needs_image_base(fmt: str) -> bool:
    """Whether the platform serves no files from a repository, so that a draft's
    images must be linked by --image-base-url."""
    return fmt in ("hashnode", "devto")
