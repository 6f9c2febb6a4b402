"""Parse one post (bytes of a Markdown file) into a Post; never raises on bad input."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from readerapp.digest import frontmatter
from readerapp.digest.decoding import decode, looks_binary
from readerapp.digest.entry import AUTHORS, PDF_LINE, parse_entry
from readerapp.digest.model import ParseResult, Post, Problem
from readerapp.digest.text import collapse, day_in_path

_H2 = re.compile(r"^#{2,4}[ \t]+\S")  # an entry's heading: ## usually, ### or #### in some posts
_FENCE = re.compile(r"^\s*(```|~~~)")
_LOOKAHEAD = 8  # non-blank lines after a heading in which an authors line marks a paper entry


def _sections(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges: the preamble, then one range per `##`-`####` heading (outside
    code); a heading that opens no entry stays with the entry above (_entry_ranges)."""
    starts = [0]
    in_fence = False
    for i, line in enumerate(lines):
        if ("`" in line or "~" in line) and _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("##") and _H2.match(line):
            starts.append(i)
    bounds = [*starts[1:], len(lines)]
    return list(zip(starts, bounds, strict=True))


def _is_entry(lines: list[str]) -> bool:
    """A heading starts a paper entry when an authors line follows it or a [PDF] line is in it."""
    seen = 0
    for line in lines[1:]:
        if not line.strip():
            continue
        if AUTHORS.match(line):
            return True
        seen += 1
        if seen >= _LOOKAHEAD:
            break
    return any(PDF_LINE.match(line) for line in lines[1:])


def _entry_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges of the paper entries. A heading that does not start an entry (one inside an
    analysis) stays with the entry above it."""
    ranges: list[tuple[int, int]] = []
    for start, end in _sections(lines)[1:]:
        if _is_entry(lines[start:end]):
            ranges.append((start, end))
        elif ranges:
            ranges[-1] = (ranges[-1][0], end)
    return ranges


def date_from_path(path: str):
    day = day_in_path(path)
    return frontmatter.parse_loose_date(day) if day else None


def parse_post(data: bytes, path: str) -> ParseResult:
    """`path` is the post's path relative to the library root, with `/` separators."""
    problems: list[Problem] = []
    if looks_binary(data):
        problems.append(Problem(path, 1, "not a text file (binary data); skipped", "error"))
        return ParseResult(None, problems)
    decoded = decode(data)
    problems += [Problem(path, line, message) for line, message in decoded.warnings]
    lines = decoded.text.split("\n")
    if not decoded.text.strip():
        problems.append(Problem(path, 1, "empty file; skipped", "error"))
        return ParseResult(None, problems)

    fm = frontmatter.split(lines)
    if fm.error:
        line, message = fm.error
        problems.append(Problem(path, line, message + "; post skipped", "error"))
        return ParseResult(None, problems)
    if fm.missing:
        problems.append(Problem(path, 1, "no front matter; using the file name as title"))
    meta = fm.meta
    stem = PurePosixPath(path).stem
    date = frontmatter.as_datetime(meta.get("date"))
    if date is None and frontmatter.as_text(meta.get("date")):
        shown = frontmatter.as_text(meta.get("date"))[:40]
        problems.append(Problem(path, fm.body_start - 1, f"date {shown!r} is not a real date"))
    post = Post(
        path=path,
        title=collapse(frontmatter.as_text(meta.get("title"))) or stem,
        date=date or date_from_path(path),
        categories=frontmatter.as_list(meta.get("categories")),
        tags=frontmatter.as_list(meta.get("tags")),
        description=collapse(frontmatter.as_text(meta.get("description"))),
        cover=frontmatter.as_text(meta.get("cover")),
    )

    body = fm.body_lines
    for start, end in _entry_ranges(body):
        entry, notes = parse_entry(body[start:end], fm.body_start + start, len(post.entries))
        post.entries.append(entry)
        problems += [Problem(path, line, message) for line, message in notes.messages]
    if not post.entries:
        post.body = "\n".join(body).strip()
    return ParseResult(post, problems)
