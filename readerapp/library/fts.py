"""Full-text search helpers: CJK bigrams for the index, and a safe FTS5 query from user text.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so `高斯` would not
match inside `3D高斯溅射`. We index each CJK run as its overlapping character bigrams
(`高斯 斯溅 溅射`) and turn a CJK query into the phrase of its bigrams, which matches any
substring of two or more characters.
"""

from __future__ import annotations

import re

# Han (with extensions), kana, Hangul, CJK symbols are left out on purpose (punctuation).
_CJK_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0002ffff]+"
)
_QUERY_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w+")
COLUMNS = ("title", "authors", "abstract", "summary", "takeaways", "analysis")
_FIELD_ALIASES = {
    "title": "title",
    "author": "authors",
    "authors": "authors",
    "abstract": "abstract",
    "summary": "summary",
    "takeaway": "takeaways",
    "takeaways": "takeaways",
}


def _bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(map(str.__add__, run, run[1:])) + " "  # the fastest way in Python


def index_text(text: str) -> str:
    """The text as FTS5 should see it: CJK runs become overlapping bigrams."""
    return _CJK_RUN.sub(_bigrams, text) if text else ""


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term(text: str, prefix: bool) -> str | None:
    """One user word or phrase as an FTS5 expression, or None when nothing searchable is left."""
    parts: list[str] = []
    for piece in re.split(f"({_CJK_RUN.pattern})", text):
        if not piece:
            continue
        if _CJK_RUN.fullmatch(piece):
            grams = index_text(piece).split()
            parts.append(" ".join(grams))
        else:
            parts.extend(_WORD.findall(piece))
    if not parts:
        return None
    phrase = _quote(" ".join(parts))
    last_is_word = bool(_WORD.fullmatch(parts[-1])) and not _CJK_RUN.search(parts[-1])
    single_cjk = len(parts) == 1 and len(parts[0]) == 1
    if (prefix and last_is_word) or single_cjk:
        phrase += " *"
    return phrase


# A query is typed by a person: more terms than this are pasted text, and FTS5's time grows
# with each (400 repeated words took 20 s). Repeats are dropped, the rest cut here.
MAX_TERMS = 16
MAX_QUERY = 2000


def _terms(text: str) -> tuple[list[str], list[str]]:
    """The FTS5 expressions of the positive and the negated (`-word`) terms, each once."""
    positive: dict[str, None] = {}
    negative: dict[str, None] = {}
    for match in _QUERY_TOKEN.finditer(text[:MAX_QUERY]):
        if len(positive) + len(negative) >= MAX_TERMS:
            break
        negated, field, quoted, bare = match.groups()
        column = _FIELD_ALIASES.get(field.lower()) if field else None
        if field and not column:  # not a known field: `foo:bar` is just text
            bare = f"{field}:{quoted if quoted is not None else bare}"
            quoted = None
        expr = _term(quoted if quoted is not None else bare, prefix=quoted is None)
        if expr is None:
            continue
        if column:
            expr = f"{column} : {expr}"
        (negative if negated else positive)[expr] = None
    return list(positive), list(negative)


def build_query(text: str) -> str | None:
    """User search text to an FTS5 MATCH expression: words are ANDed prefixes, "quoted phrases"
    are exact, `-word` excludes, `author:name` / `title:word` search one field."""
    positive, negative = _terms(text)
    if not positive:
        return None
    query = " AND ".join(positive)
    for expr in negative:
        query = f"({query}) NOT {expr}"
    return query


def excluded_query(text: str) -> str | None:
    """For a search of only `-word` terms: what to leave out of the whole library."""
    positive, negative = _terms(text)
    if positive or not negative:
        return None
    return " OR ".join(negative)
