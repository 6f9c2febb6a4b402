"""The identity of a paper (DESIGN.md, contract) and arXiv identifiers."""

from __future__ import annotations

import functools
import re

# New style 2410.13726 (4 or 5 digits after the dot), old style cs/0112017 or math.GT/0309136.
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Za-z]{2})?/\d{7})"
_URL = r"arxiv\.org/(?:abs|pdf|html)/" + _ARXIV_ID + r"(?:v(\d+))?(?:\.pdf)?(?=$|[\s/?#)\]\"'>.,;])"
_BARE = r"^(?:arxiv:)?" + _ARXIV_ID + r"(?:v(\d+))?$"


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compiled at first use: 4 ms of every command's start for the two id patterns."""
    return re.compile(source, re.IGNORECASE)


_WHITESPACE = re.compile(r"\s+")


def _version(digits: str | None) -> int | None:
    """A version number as arXiv has them (v1 ... v99); absurd ones (v99999999999999999999,
    too large even for SQLite) are dropped, keeping the id."""
    return int(digits) if digits and len(digits) <= 6 else None


def parse_arxiv_url(url: str) -> tuple[str, int | None] | None:
    """Return (id without version, version) for an arXiv abs/pdf URL, else None."""
    match = _pattern(_URL).search(url)
    if not match:
        return None
    return match.group(1), _version(match.group(2))


def parse_arxiv_id(text: str) -> tuple[str, int | None] | None:
    """Accept a bare id (`2410.13726`, `2410.13726v2`, `arXiv:cs/0112017`) or a URL."""
    text = text.strip()
    if not any(map(str.isdigit, text)):  # every id has digits: a word is never compiled for
        return None
    match = _pattern(_BARE).match(text)
    if match:
        return match.group(1), _version(match.group(2))
    return parse_arxiv_url(text)


def title_key(title: str) -> str:
    return _WHITESPACE.sub(" ", title).strip().lower()


def paper_id(arxiv_id: str | None, title: str) -> str:
    """arXiv id without version, else `t:` + 12 hex digits of sha1 of the normalised title."""
    if arxiv_id:
        return arxiv_id
    import hashlib  # here: it loads OpenSSL (4 ms), and few commands make ids

    digest = hashlib.sha1(title_key(title).encode("utf-8")).hexdigest()
    return "t:" + digest[:12]


def normalise_id(text: str) -> str:
    """Turn what a user typed (id, versioned id, URL, `t:` id) into a paper id."""
    text = text.strip()
    if text.startswith("t:"):
        return text.lower()
    parsed = parse_arxiv_id(text)
    return parsed[0] if parsed else text


def arxiv_year_month(arxiv_id: str) -> tuple[int, int] | None:
    """When a paper was first submitted, from its id: 2410.13726 → (2024, 10); cs/0112017 →
    (2001, 12)."""
    digits = arxiv_id.split("/")[-1][:4]
    if not digits.isdigit():
        return None
    yy, mm = int(digits[:2]), int(digits[2:])
    if not 1 <= mm <= 12:
        return None
    century = 1900 if "/" in arxiv_id and yy >= 91 else 2000
    return century + yy, mm
