"""Author names as BibTeX reads them: "von Last, Jr, First"."""

from __future__ import annotations

import re
import unicodedata

from readerapp.export.latex import escape

# Lower-case particles that belong to the surname ("van der Waals", "de la Torre").
PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "zu",
    "af",
    "al",
    "bin",
    "ibn",
    "st.",
}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_SPACES = re.compile(r"\s+")
_ASCII_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def split_name(name: str) -> tuple[str, str, str, str]:
    """(first, von, last, jr) of a name written "First von Last Jr"."""
    words = _SPACES.sub(" ", name).strip().split(" ")
    jr = ""
    if len(words) > 2 and words[-1].lower().rstrip(",") in SUFFIXES:
        jr = words.pop().rstrip(",")
    if len(words) == 1:
        return "", "", words[0], jr
    last = words[-1]
    rest = words[:-1]
    von: list[str] = []
    # The particles run from the first lower-case particle word up to the last name.
    for position, word in enumerate(rest):
        if position > 0 and word.lower() in PARTICLES and word[:1].islower():
            von = rest[position:]
            rest = rest[:position]
            break
    return " ".join(rest), " ".join(von), last, jr


def bibtex_name(name: str, unicode: bool = False) -> str:
    """`Last, First` (with `von` and `Jr` where there are), escaped for BibTeX."""
    if name.strip().lower().rstrip(".") in ("et al", "others"):
        return "others"
    first, von, last, jr = split_name(name)
    surname = f"{von} {last}".strip()
    parts = [escape(surname, unicode, keep_math=False)]
    if jr:
        parts.append(escape(jr, unicode, keep_math=False))
    if first:
        parts.append(escape(first, unicode, keep_math=False))
    return ", ".join(parts)


def authors_value(authors: list[str], unicode: bool = False) -> str:
    return " and ".join(bibtex_name(a, unicode) for a in authors if a.strip())


def ascii_fold(text: str) -> str:
    """Ü → U, ø → o, ł → l ... then only ASCII letters and digits, lower-case (for keys)."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def surname_key(authors: list[str]) -> str:
    if not authors:
        return "anon"
    _first, von, last, _jr = split_name(authors[0])
    return ascii_fold(von + last) or ascii_fold(authors[0]) or "anon"
