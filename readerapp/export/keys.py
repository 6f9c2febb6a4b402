"""Citation keys: arXiv's style by default, a short form, or Better BibTeX's default."""

from __future__ import annotations

import re
from collections import defaultdict

from readerapp.export.names import ascii_fold, surname_key
from readerapp.export.styles import STYLES as STYLES  # re-exported: the styles keys follow
from readerapp.render.latex import MATH as _MATH

# Function words skipped when keys take words from the title (as Better BibTeX's list, short).
STOP_WORDS = {
    "a",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "among",
    "an",
    "and",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "but",
    "by",
    "de",
    "der",
    "die",
    "down",
    "during",
    "el",
    "en",
    "et",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "is",
    "are",
    "it",
    "its",
    "la",
    "le",
    "les",
    "like",
    "near",
    "nor",
    "of",
    "off",
    "on",
    "onto",
    "or",
    "over",
    "past",
    "per",
    "so",
    "than",
    "the",
    "this",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "versus",
    "via",
    "vs",
    "with",
    "within",
    "without",
    "yet",
}
_WORDS = re.compile(r"[^\W_]+")


def title_words(title: str) -> list[str]:
    """Title words for keys: math dropped, ASCII-folded, function words skipped."""
    words = [ascii_fold(w) for w in _WORDS.findall(_MATH.sub("", title))]
    return [w for w in words if w and w not in STOP_WORDS]


def base_key(style: str, authors: list[str], year: int | None, title: str) -> str:
    surname = surname_key(authors)
    when = str(year) if year else ""
    words = title_words(title)
    if style == "short":
        return f"{surname}{when}{words[0] if words else ''}"
    if style == "bbt":  # Better BibTeX: auth.lower + shorttitle(3, 3) + year
        return surname + "".join(w.capitalize() for w in words[:3]) + when
    return f"{surname}{when}{''.join(words[:4])}"


def assign_keys(
    items: list[tuple[str, str]], reserved: frozenset[str] | set[str] = frozenset()
) -> dict[str, str]:
    """(paper id, base key) pairs to unique keys, none of them `reserved` (the keys pinned to
    other papers). Clashing keys all get a, b, c ... in order of paper id, so the same set of
    papers gives the same keys every time."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for paper_id, key in items:
        by_key[key].append(paper_id)
    keys: dict[str, str] = {}
    taken = set(by_key) | set(reserved)
    for key, ids in by_key.items():
        ids = sorted(set(ids))
        if len(ids) == 1 and key not in reserved:
            keys[ids[0]] = key
            continue
        suffix = 0
        for paper_id in ids:
            while True:
                candidate = key + _letters(suffix)
                suffix += 1
                if candidate not in taken:
                    break
            taken.add(candidate)
            keys[paper_id] = candidate
    return keys


def _letters(n: int) -> str:
    """0 → a, 25 → z, 26 → aa ..."""
    out = ""
    n += 1
    while n:
        n, remainder = divmod(n - 1, 26)
        out = chr(97 + remainder) + out
    return out
