"""Parse the lines of one paper entry (from its `## Title` heading to the next entry)."""

from __future__ import annotations

import re

from readerapp.digest.ids import parse_arxiv_url
from readerapp.digest.model import PaperEntry
from readerapp.digest.screenshots import split_screenshots
from readerapp.digest.sections import (
    find_links,
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
_SENTENCE_END = re.compile(r"[.。!！?？]\s*$")  # a sentence, where a label has none


class EntryNotes:
    """What the entry parser noticed; the post parser turns these into problems."""

    def __init__(self, messages: list[tuple[int, str]]) -> None:
        self.messages = messages


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


# A number that opens an item inside a line: at its start or after a space or a separator.
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[\s;；。，,]))(\d{1,2})[.．、)]\s*(?=\S)")
_SECOND = re.compile(r"2[.．、)]")
# A sentence that announces the list below it rather than being one of its points.
_LEAD_IN = re.compile(
    r"([:：]\s*$)|^(以下|下面|如下|here (are|is)|the following|below)", re.IGNORECASE
)


def split_numbered(text: str) -> list[str]:
    """`1.xxx 2.yyy 3.zzz` written on one line: the items, when the numbers count 1, 2, 3 ...
    from the start (`2.5 times` and `version 2.` stay whole)."""
    if not text[:1].isdigit() or not _SECOND.search(text):
        return [text]  # most lines: no `1.` at the start, or no `2.` after it
    cuts: list[tuple[int, int]] = []  # (where the number starts, where its text starts)
    for match in _INLINE_NUMBER.finditer(text):
        if int(match.group(1)) == len(cuts) + 1 and (cuts or match.start() == 0):
            cuts.append((match.start(), match.end()))
    if len(cuts) < 2:
        return [text]
    ends = [start for start, _ in cuts[1:]] + [len(text)]
    return [text[begin:end].strip() for (_, begin), end in zip(cuts, ends, strict=True)]


def _takeaway_items(lines: list[str]) -> tuple[list[str], list[str]]:
    """List items (any bullet or numbering); returns (items, lines left after the list ended).
    A line that announces the list (`以下是关键见解：`) is not one of its items."""
    items: list[str] = []
    blank_before = False
    lead_in = False
    for pos, line in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        numbered = split_numbered(line.strip())
        if len(numbered) > 1:  # `1.xxx 2.yyy 3.zzz` on one line
            items, lead_in = ([] if lead_in and len(items) == 1 else items), False
            items.extend(numbered)
            blank_before = False
            continue
        item = list_item(line)
        if item is not None:
            if lead_in and len(items) == 1:
                items, lead_in = [], False
            items.append(item)
        elif items and blank_before and not line.startswith((" ", "\t")):
            return _cleaned(items), lines[pos:]
        elif items and not lead_in:
            items[-1] += " " + line.strip()
        else:
            lead_in = not items and bool(_LEAD_IN.search(line.strip()))
            items.append(line)
        blank_before = False
    return _cleaned(items), []


def _cleaned(items: list[str]) -> list[str]:
    return [text for item in items if (text := collapse(item))]


def _unbold(text: str) -> str:
    """`**A summary in bold**` -> the summary (the viewer shows it as plain text)."""
    if text.startswith("**") and text.endswith("**") and len(text) > 4 and "**" not in text[2:-2]:
        return text[2:-2].strip()
    return text


def parse_entry(lines: list[str], first_line: int, index: int) -> tuple[PaperEntry, EntryNotes]:
    """`lines[0]` is the heading; `first_line` its 1-based line number in the file."""
    notes = EntryNotes([])
    title = collapse(lines[0].lstrip("#"))
    entry = PaperEntry(index=index, line=first_line, span=len(lines), title=title)
    split = split_screenshots(lines[1:])
    body, entry.screenshots = split.text, split.urls
    if split.unclosed:
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
        empty = current is not None and not "".join(parts[current]).strip()
        if label and empty and not label[1] and (kind is None or _SENTENCE_END.search(label[0])):
            # Bold text right under a label (a sentence, or no label's words): that part's
            # text, written in bold.
            parts[current].append(line)  # type: ignore[index]
            continue
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
    marked = pos < len(body)
    if marked:
        pos += 1  # the marker itself
    if "summary" in parts:
        entry.summary = _unbold(collapse(" ".join(parts["summary"])))
    if "takeaways" in parts:
        entry.takeaways, rest = _takeaway_items(parts["takeaways"])
        leftover.extend(rest)
    elif not parts and leftover and entry.pdf_url:
        entry.summary = collapse(" ".join(leftover))
        leftover = []

    entry.analysis = "\n".join(strip_blank_edges(leftover + body[pos:]))
    if marked and not any(map(str.strip, leftover)):  # all after the marker: reread.py
        entry.analysis_line = first_line + 1 + split.line_of(pos)
    entry.links = find_links([entry.comment, entry.abstract, entry.analysis], skip=_CHATPAPER)
    return entry, notes
