"""One entry read again from its post. The index does not keep the long analyses (they were
most of its size, and the posts hold them anyway): it notes where each entry is in its file,
and the paper's page reads the analysis from there. Without YAML: the front matter is not
needed, and `show` does not pay for loading its parser."""

from readerapp.digest.decoding import decode, looks_binary
from readerapp.digest.entry import parse_entry
from readerapp.digest.model import PaperEntry


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


def reread_entry(data: bytes, line: int, span: int, index: int) -> PaperEntry | None:
    """The entry whose heading is on 1-based `line` and takes `span` lines, parsed as the whole
    post's parse would have (None when the file is too short or has no heading there: it has
    changed since it was indexed)."""
    if span <= 0 or line <= 0 or looks_binary(data):
        return None
    lines = _lines(data, line, span)
    if len(lines) != span or not lines[0].startswith("#"):
        return None
    entry, _notes = parse_entry(lines, line, index)
    return entry


def entry_in_post(data: bytes, path: str, paper_id: str) -> PaperEntry | None:
    """The first entry of `paper_id` in the post as it is now (when the lines noted in the
    index no longer hold it: the file changed and is not indexed again yet)."""
    from readerapp.digest.parser import parse_post

    result = parse_post(data, path)
    entries = result.post.entries if result.post else []
    return next((entry for entry in entries if entry.id == paper_id), None)
