"""The search syntax, read into terms for the full-text index (textindex.py).

A CJK word becomes the phrase of its character bigrams, as the index holds them (cjk.py).
"""

import re

from readerapp.library.cjk import run_bigrams, split_runs
from readerapp.lighttyping import NamedTuple

_QUERY_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w+")
COLUMNS = ("title", "authors", "abstract", "summary", "takeaways", "analysis")
# Relevance weights, in column order: a match in the title weighs most.
WEIGHTS = (10.0, 6.0, 3.0, 3.0, 2.0, 1.0)
_FIELD_ALIASES = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "abstract": "abstract",
    "summary": "summary",
    "takeaway": "takeaways",
    "takeaways": "takeaways",
}
# A query is typed by a person: more terms than this are pasted text, and the time of a search
# grows with each. Repeats are dropped, the rest cut here.
MAX_TERMS = 16
MAX_QUERY = 2000


class Term(NamedTuple):
    """One word or phrase of a query. `prefix`: its last word may be the start of a longer one."""

    text: str
    column: str | None = None  # None: any column
    prefix: bool = False


class Query(NamedTuple):
    positive: tuple[Term, ...]
    negative: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.positive and not self.negative


def _term(text: str, column: str | None, prefix: bool) -> Term | None:
    """One user word or phrase, or None when nothing searchable is left in it."""
    pieces: list[str] = []
    last_is_word = False
    for piece, cjk in split_runs(text):
        if cjk:
            pieces.extend(run_bigrams(piece).split())
            last_is_word = False
        elif words := _WORD.findall(piece):
            pieces.extend(words)
            last_is_word = True
    if not pieces:
        return None
    # One CJK character matches the bigrams it starts (it is only a term of its own alone).
    single_cjk = len(pieces) == 1 and len(pieces[0]) == 1 and not last_is_word
    return Term(" ".join(pieces), column, (prefix and last_is_word) or single_cjk)


class Tags(NamedTuple):
    """The `tag:NAME` terms of a search (`tag:"to cite"` for spaces; `-tag:x` excludes)."""

    wanted: tuple[str, ...]
    unwanted: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.wanted or self.unwanted)


def split_tags(text: str) -> tuple[str, Tags]:
    """The search without its tag terms, and those terms. Tags live in the user's state, not
    in the index: the caller filters by them."""
    wanted: list[str] = []
    unwanted: list[str] = []
    rest: list[str] = []
    for match in _QUERY_TOKEN.finditer(text[:MAX_QUERY]):
        negated, field, quoted, bare = match.groups()
        if field and field.lower() == "tag":
            name = (quoted if quoted is not None else bare).strip()
            if name:
                (unwanted if negated else wanted).append(name)
        else:
            rest.append(match.group(0))
    return " ".join(rest), Tags(tuple(wanted), tuple(unwanted))


def parse(text: str) -> Query:
    """Words are ANDed prefixes, "quoted phrases" are exact, `-word` excludes, `author:name` /
    `title:word` search one field; `foo:bar` with an unknown field is just text."""
    positive: dict[Term, None] = {}
    negative: dict[Term, None] = {}
    for match in _QUERY_TOKEN.finditer(text[:MAX_QUERY]):
        if len(positive) + len(negative) >= MAX_TERMS:
            break
        negated, field, quoted, bare = match.groups()
        column = _FIELD_ALIASES.get(field.lower()) if field else None
        if field and not column:
            bare = f"{field}:{quoted if quoted is not None else bare}"
            quoted = None
        term = _term(quoted if quoted is not None else bare, column, prefix=quoted is None)
        if term is not None:
            (negative if negated else positive)[term] = None
    return Query(tuple(positive), tuple(negative))
