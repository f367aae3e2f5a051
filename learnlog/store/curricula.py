"""The curricula shipped in learnlog's data/ folder: named lists of topics with areas."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files

from learnlog.errors import InputError

DEFAULT_CURRICULUM = "ml-foundations"


@dataclass(frozen=True)
class Curriculum:
    name: str
    title: str
    topics: tuple[tuple[str, str | None], ...]  # (name, area)


def _folder():
    return files("learnlog.data") / "curricula"


def curriculum_names() -> list[str]:
    return sorted(
        item.name.removesuffix(".toml") for item in _folder().iterdir() if item.name.endswith(".toml")
    )


def load_curriculum(name: str) -> Curriculum:
    """The shipped curriculum called `name`, or InputError naming the ones that ship."""
    if name not in curriculum_names():
        raise InputError(
            f"no curriculum {name!r}: choose one of {', '.join(curriculum_names())}, or none"
        )
    data = tomllib.loads((_folder() / f"{name}.toml").read_text(encoding="utf-8"))
    return Curriculum(
        name=name,
        title=data["title"],
        topics=tuple((topic["name"], topic.get("area")) for topic in data["topic"]),
    )
