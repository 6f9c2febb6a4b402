"""One entry read again from its post. The index does not keep the long analyses (they were
most of its size, and the posts hold them anyway): it notes where each entry is in its file,
and the paper's page reads the analysis from there. Without YAML: the front matter is not
needed, and `show` does not pay for loading its parser."""

from __future__ import annotations

from readerapp.digest.decoding import decode, looks_binary
from readerapp.digest.screenshots import split_screenshots
from readerapp.digest.text import strip_blank_edges
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.logsetup import get_logger

if TYPE_CHECKING:
    from pathlib import Path

    from readerapp.digest.model import PaperEntry

log = get_logger(__name__)


def _lines(data: bytes, line: int, span: int) -> list[str]:
    """Lines `line` (from 1) to `line + span - 1` of the post, as the parser saw them. Only
    those are decoded: decoding the whole file (and looking through it for control
    characters) took 1 ms of each paper shown, this 0.1 ms."""
    if b"\r" in data:  # CR line ends: what counts as a line is decode's business
        return decode(data).text.split("\n")[line - 1 : line - 1 + span]
    if line == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    chunk = data.split(b"\n", line - 1 + span)[line - 1 : line - 1 + span]
    return decode(b"\n".join(chunk)).text.split("\n") if len(chunk) == span else []


def analysis_at(data: bytes, first: int, last: int) -> str | None:
    """The analysis on lines `first` to `last` (from 1) of an unchanged post, as the entry's
    parse made it (PaperEntry.analysis_line): without the entry parser, whose label rules and
    regular expressions took most of `readerapp show`'s time above Python's start-up. None
    when the file is shorter (it has changed)."""
    if first <= 0 or last < first - 1 or looks_binary(data):
        return None
    lines = _lines(data, first, last - first + 1) if last >= first else [""]
    if last >= first and len(lines) != last - first + 1:
        return None
    return "\n".join(strip_blank_edges(split_screenshots(lines).text))


def reread_entry(data: bytes, line: int, span: int, index: int) -> PaperEntry | None:
    """The entry whose heading is on 1-based `line` and takes `span` lines, parsed as the whole
    post's parse would have (None when the file is too short or has no heading there: it has
    changed since it was indexed)."""
    if span <= 0 or line <= 0 or looks_binary(data):
        return None
    lines = _lines(data, line, span)
    if len(lines) != span or not lines[0].startswith("#"):
        return None
    # The entry parser: for an analysis that is more than the lines after the marker.
    from readerapp.digest.entry import parse_entry

    entry, _notes = parse_entry(lines, line, index)
    return entry


def entry_in_post(data: bytes, path: str, paper_id: str) -> PaperEntry | None:
    """The first entry of `paper_id` in the post as it is now (when the lines noted in the
    index no longer hold it: the file changed and is not indexed again yet)."""
    from readerapp.digest.parser import parse_post

    result = parse_post(data, path)
    entries = result.post.entries if result.post else []
    return next((entry for entry in entries if entry.id == paper_id), None)


def analysis_in_post(
    file: Path,
    path: str,
    paper_id: str,
    line: int,
    span: int,
    index: int,
    analysis_line: int,
    mtime_ns: int,
    size: int,
) -> str:
    """The analysis of `paper_id` from its post (`path` in the library, `file` on disk): from the
    lines the index noted while the file is as it was indexed (`mtime_ns`, `size`), from the
    whole post when it has changed since (until the next update reads it again)."""
    try:
        stat = file.stat()
        data = file.read_bytes()
    except OSError as error:
        log.warning("cannot read the analysis of %s from %s: %s", paper_id, file, error)
        return ""
    if (stat.st_mtime_ns, stat.st_size) == (mtime_ns, size):
        if analysis_line > 0:
            found = analysis_at(data, analysis_line, line + span - 1)
            if found is not None:
                return found
        entry = reread_entry(data, line, span, index)
        if entry is not None and entry.id == paper_id:
            return entry.analysis
    entry = entry_in_post(data, path, paper_id)
    return entry.analysis if entry else ""
