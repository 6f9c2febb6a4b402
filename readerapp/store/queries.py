"""How the state is searched, the same for the store and for the tree's filters: which words of
a search are looked for in notes, and the SQL that matches them."""

from __future__ import annotations

MAX_NOTE_WORDS = 16  # as many as a full-text search takes (library.query.MAX_TERMS)


def note_words(text: str) -> list[str]:
    """The words of a search to find in notes: each once, not `-excluded`, not `field:value`."""
    words = (w for w in text[:2000].split() if not w.startswith("-") and ":" not in w)
    return list(dict.fromkeys(words))[:MAX_NOTE_WORDS]


def like_pattern(word: str) -> str:
    """`word` anywhere, with LIKE's wildcards taken literally (ESCAPE '\\')."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def notes_match(alias: str, count: int) -> str:
    """An SQL condition: the note of `alias` holds each of `count` words (case-insensitive)."""
    return " AND ".join(f"{alias}.note LIKE ? ESCAPE '\\'" for _ in range(count))
