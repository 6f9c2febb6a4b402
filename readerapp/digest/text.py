"""Small text helpers shared by the parser."""

from __future__ import annotations

import functools
import re


@functools.cache
def _invisible() -> re.Pattern[str]:
    """Zero-width and invisible formatting characters that creep into copied titles (compiled
    at the first text that is not ASCII: 0.7 ms that the command line need not pay)."""
    return re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


# `[^<>]` rather than `[^>]`: a `<` with no `>` after it then costs one scan to the next `<`,
# not one to the end of the text (which made `a<b a<b ...` quadratic).
_TAG = re.compile(r"<[^<>]+>")
# C0 controls but tab and newline, DEL: a NUL or an escape code in a title is damage, not text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


_PATH_DAY = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


def day_in_path(path: str) -> str:
    """`2024-08-23` from `Paper/2024-08-23/3DGS.md` (the blog's layout); "" when none."""
    match = _PATH_DAY.search(path)
    return match.group(0) if match else ""


def remove_invisible(text: str) -> str:
    return text if text.isascii() else _invisible().sub("", text)


def first_control(text: str) -> int | None:
    """Where the first control character is (None when there is none)."""
    match = _CONTROL.search(text)
    return match.start() if match else None


def remove_control(text: str) -> str:
    return _CONTROL.sub("", text)


def collapse(text: str) -> str:
    """Remove invisible characters and collapse every run of whitespace into one space (what
    `str.split` cuts at is what `\\s` matches: a third of the time of a regular expression)."""
    return " ".join(remove_invisible(text).split())


def paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs: lines of one paragraph collapse, paragraphs keep a blank line."""
    result: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            result.append(collapse(" ".join(current)))
            current = []
    if current:
        result.append(collapse(" ".join(current)))
    return "\n\n".join(p for p in result if p)


def strip_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def strip_tags(text: str) -> str:
    """HTML tags out (for indexing and plain-text views of an HTML analysis)."""
    return _TAG.sub(" ", text) if "<" in text else text
