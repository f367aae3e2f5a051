"""Topic names: what makes two names the same, and how a typed name finds its topic."""

from __future__ import annotations

import re
from collections.abc import Iterable

from learnlog.errors import InputError


_WORD_SEPARATORS = re.compile(r"[\s_-]+")
MAX_NAME_LENGTH = 80


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, lower-cased; spaces, hyphens and underscores all separate words."""
    return tuple(word for word in _WORD_SEPARATORS.split(name.casefold()) if word)


def topic_key(name: str) -> str:
    """The form under which names are unique: 'Linear Algebra', 'linear-algebra' and
    'LINEAR_ALGEBRA' share one key."""
    return " ".join(name_words(name))


def clean_name(name: str, what: str = "topic name") -> str:
    """A name (of a topic, an area) as it will be stored, or InputError when it
    cannot be one: spaces are folded, and it must be short, printable and not empty."""
    from learnlog.domain.records import check_text

    cleaned = " ".join(check_text(name, f"a {what}").split())
    if not topic_key(cleaned):
        raise InputError(f"a {what} cannot be empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(f"a {what} is at most {MAX_NAME_LENGTH} characters")
    if any(not char.isprintable() for char in cleaned):
        raise InputError(f"a {what} cannot contain control characters: {cleaned!r}")
    return cleaned


def _words_match_at(query: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """True when the query's words are prefixes of consecutive words of the name."""
    span = len(query)
    return any(
        all(words[at + i].startswith(part) for i, part in enumerate(query))
        for at in range(len(words) - span + 1)
    )


def match_topic(query: str, names: Iterable[str], *, unknown_hint: str = "see learnlog topic list") -> str:
    """The one name among `names` that `query` means.

    An exact name (ignoring case and separators) wins; otherwise the query's words
    must be prefixes of consecutive words of exactly one name, starting at any word.
    An unknown or ambiguous query raises InputError that suggests the closest names
    (an unknown one also gets `unknown_hint`).
    """
    candidates = list(names)
    query_words = name_words(query)
    if not query_words:
        raise InputError("a topic name cannot be empty")
    by_key = {topic_key(name): name for name in candidates}
    exact = by_key.get(" ".join(query_words))
    if exact is not None:
        return exact
    matches = [name for name in candidates if _words_match_at(query_words, name_words(name))]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(sorted(matches, key=str.casefold))
        raise InputError(f"topic {query!r} is ambiguous: it could be {listed}")
    import difflib  # only an unknown name pays for the suggestions

    close = difflib.get_close_matches(" ".join(query_words), list(by_key), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(by_key[key] for key in close)}?" if close else ""
    raise InputError(f"no topic {query!r}{hint} ({unknown_hint})")
