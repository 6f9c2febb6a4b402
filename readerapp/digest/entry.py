"""Parse the lines of one paper entry (from its `## Title` heading to the next entry)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readerapp.digest.ids import parse_arxiv_url
from readerapp.digest.model import PaperEntry
from readerapp.digest.sections import (
    find_links,
    image_urls,
    is_marker,
    label_kind,
    list_item,
    match_label,
)
from readerapp.digest.text import collapse, paragraphs, strip_blank_edges

# `**Authors:A, B**`, `**Authors**: A, B`, `**作者：** A`; always bold in the digests, which keeps
# a note's plain "Authors: ..." line from turning it into a digest.
# The names are taken greedily and trimmed in Python: a lazy group before `\s*$` backtracks
# quadratically over a line of spaces.
AUTHORS = re.compile(r"^\s*\*\*\s*(?:Authors?|作者)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?(.*)$")
PDF_LINE = re.compile(r"^\s*\[\s*PDF\s*\]\(\s*<?([^)\s>]+)>?\s*\)(.*)$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,，;；]\s*(?:and\s+)?|\s+and\s+|、)\s*")
_NO_AUTHORS = {"not provided", "none", "n/a", "unknown", "无", "未提供"}
_CHATPAPER = "https://huggingface.co/spaces/Kedreamix/ChatPaperFree"


@dataclass
class EntryNotes:
    """What the entry parser noticed; the post parser turns these into problems."""

    messages: list[tuple[int, str]]


def author_text(captured: str) -> str:
    """What an AUTHORS match captured, without the closing `**`."""
    text = captured.strip()
    return text[:-2].rstrip() if text.endswith("**") else text


def split_authors(text: str) -> list[str]:
    text = collapse(text).strip(" .。")
    if not text or text.lower() in _NO_AUTHORS:
        return []
    names = [n.strip(" .。") for n in _AUTHOR_SPLIT.split(text)]
    return [n for n in names if n]


def _screenshot_blocks(lines: list[str]) -> tuple[list[str], list[str], bool]:
    """Split `<details>` blocks holding images off the text; return (text lines, urls, unclosed)."""
    text: list[str] = []
    urls: list[str] = []
    i = 0
    unclosed = False
    while i < len(lines):
        line = lines[i]
        if "<" not in line or "<details" not in line.lower():
            text.append(line)
            i += 1
            continue
        end = i
        while end < len(lines) and "</details>" not in lines[end].lower():
            end += 1
        unclosed = end >= len(lines)
        block = lines[i : end + 1]
        found = image_urls("\n".join(block))
        if found:
            urls.extend(found)
        else:
            text.extend(block)
        i = end + 1
    return text, urls, unclosed


def _takeaway_items(lines: list[str]) -> tuple[list[str], list[str]]:
    """List items (any bullet or numbering); returns (items, lines left after the list ended)."""
    items: list[str] = []
    blank_before = False
    for pos, line in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        item = list_item(line)
        if item is not None:
            items.append(item)
        elif items and blank_before and not line.startswith((" ", "\t")):
            return [collapse(i) for i in items if collapse(i)], lines[pos:]
        elif items:
            items[-1] += " " + line.strip()
        else:
            items.append(line)
        blank_before = False
    return [collapse(i) for i in items if collapse(i)], []


def parse_entry(lines: list[str], first_line: int, index: int) -> tuple[PaperEntry, EntryNotes]:
    """`lines[0]` is the heading; `first_line` its 1-based line number in the file."""
    notes = EntryNotes([])
    title = collapse(lines[0].lstrip("#"))
    entry = PaperEntry(index=index, line=first_line, title=title)
    body, entry.screenshots, unclosed = _screenshot_blocks(lines[1:])
    if unclosed:
        notes.messages.append((first_line, f"entry {title[:60]!r}: <details> is never closed"))

    pos = 0
    # Authors: the first non-blank line, when it is an authors line.
    while pos < len(body) and not body[pos].strip():
        pos += 1
    if pos < len(body) and (match := AUTHORS.match(body[pos])):
        entry.authors = split_authors(author_text(match.group(1)))
        pos += 1

    # Abstract: up to the PDF line (or, in a cut-down entry, the first label or the marker).
    abstract: list[str] = []
    while pos < len(body):
        line = body[pos]
        if PDF_LINE.match(line) or is_marker(line):
            break
        label = match_label(line) if line.lstrip().startswith(("**", "#")) else None
        if label and label_kind(label[0]):
            break
        abstract.append(line)
        pos += 1
    entry.abstract = paragraphs(abstract)

    if pos < len(body) and (match := PDF_LINE.match(body[pos])):
        entry.pdf_url = match.group(1)
        comment = [match.group(2)]
        pos += 1
        while pos < len(body) and body[pos].strip() and not match_label(body[pos]):
            if is_marker(body[pos]):
                break
            comment.append(body[pos])
            pos += 1
        entry.comment = collapse(" ".join(comment))
        parsed = parse_arxiv_url(entry.pdf_url)
        if parsed:
            entry.arxiv_id, entry.arxiv_version = parsed
    else:
        notes.messages.append((first_line, f"entry {title[:60]!r} has no [PDF] link"))

    # Labelled parts up to the marker that opens the analysis.
    parts: dict[str, list[str]] = {}
    current: str | None = None
    leftover: list[str] = []
    while pos < len(body) and not is_marker(body[pos]):
        line = body[pos]
        pos += 1
        label = match_label(line)
        kind = label_kind(label[0]) if label else None
        if label and kind is None and not label[1]:
            # An unknown label alone on its line: the first is the summary, the next the takeaways.
            kind = "summary" if "summary" not in parts else "takeaways"
        if kind and kind not in parts:
            current = kind
            parts[kind] = [label[1]] if label and label[1] else []
        elif current:
            parts[current].append(line)
        else:
            leftover.append(line)
    if pos < len(body):
        pos += 1  # the marker itself
    if "summary" in parts:
        entry.summary = collapse(" ".join(parts["summary"]))
    if "takeaways" in parts:
        entry.takeaways, rest = _takeaway_items(parts["takeaways"])
        leftover.extend(rest)
    elif not parts and leftover and entry.pdf_url:
        entry.summary = collapse(" ".join(leftover))
        leftover = []

    entry.analysis = "\n".join(strip_blank_edges(leftover + body[pos:]))
    entry.links = find_links([entry.comment, entry.abstract, entry.analysis], skip=_CHATPAPER)
    return entry, notes
