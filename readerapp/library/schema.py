"""The index cache: an SQLite file that can be deleted and rebuilt from the posts at any time."""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from types import ModuleType

from readerapp import storage
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

# Bump when the schema or anything that shapes the stored data (parser, FTS text) changes:
# an index of another version is simply rebuilt.
# 7: full text in tantivy; 8: analyses compressed; 9: by zstd; 10: entries_post; 11: analyses
# read from the posts; 12: posts_topic; 13: entries.analysis_line; 14: links end at braces and
# encoded Chinese punctuation, one per page
INDEX_VERSION = 14


def tree_order(alias: str = "p") -> str:
    """The tree's order of posts (DESIGN.md, contract): topics by casefold, newest post first.
    The one definition: the indexer numbers posts by it and every query sorts by it."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + c for c in ("topic_key", "topic", "date DESC", "path"))


SCHEMA = """
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    mtime_ns    INTEGER NOT NULL,
    size        INTEGER NOT NULL,
    skipped     INTEGER NOT NULL DEFAULT 0,   -- could not be read as a post
    problems    TEXT NOT NULL DEFAULT '[]',   -- JSON [[line, severity, message], ...]
    title       TEXT NOT NULL DEFAULT '',
    topic       TEXT NOT NULL DEFAULT '',
    topic_key   TEXT NOT NULL DEFAULT '',     -- casefold(topic), the tree order
    date        TEXT NOT NULL DEFAULT '',     -- ISO 8601: front matter, else path, else mtime
    categories  TEXT NOT NULL DEFAULT '[]',
    tags        TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    cover       TEXT NOT NULL DEFAULT '',
    n_entries   INTEGER NOT NULL DEFAULT 0,
    body        TEXT NOT NULL DEFAULT '',
    tree_rank   INTEGER NOT NULL DEFAULT 0    -- position in the tree from 1; 0 when skipped
);
CREATE INDEX posts_tree ON posts (skipped, topic_key, date DESC, path);
CREATE INDEX posts_rank ON posts (tree_rank);
CREATE INDEX posts_date ON posts (date);
-- A topic's posts in tree order (posts_tree cannot: it is by topic_key): a topic of 683 posts
-- of 21,173 listed in 3.2 ms instead of 30 ms.
CREATE INDEX posts_topic ON posts (topic, tree_rank);
CREATE TABLE entries (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- the text index's `eid`: never reused
    post_id       INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    paper_id      TEXT NOT NULL,
    title         TEXT NOT NULL,
    authors       TEXT NOT NULL,              -- JSON list
    arxiv_id      TEXT,
    arxiv_version INTEGER,
    pdf_url       TEXT,
    comment       TEXT NOT NULL,
    abstract      BLOB NOT NULL,              -- pack_text: the largest field left (41% of it)
    summary       TEXT NOT NULL,
    takeaways     BLOB NOT NULL,              -- pack_text of a JSON list
    screenshots   TEXT NOT NULL,              -- JSON list
    links         TEXT NOT NULL,              -- JSON [[url, kind], ...]
    -- Where the entry is in its post: its heading's line (from 1) and how many lines it takes.
    -- The long analysis is read from there when the paper is shown (digest/reread.py): kept
    -- here, compressed, it was 40% of the file.
    line          INTEGER NOT NULL,
    span          INTEGER NOT NULL,
    analysis_line INTEGER NOT NULL,           -- PaperEntry.analysis_line (0: parse the entry)
    UNIQUE (post_id, idx)
);
CREATE INDEX entries_paper ON entries (paper_id);
-- Covering index from a post to its entries' papers: the tree counts the unread papers of each
-- post and topic without reading the entries' rows and their long texts (at 250,000 entries:
-- the topics 1.04 s -> 0.69 s, filtered by a search 0.61 s -> 0.34 s; 5 MB).
CREATE INDEX entries_post ON entries (post_id, paper_id);
-- Covering index from an FTS hit (the entry's rowid) to its paper without reading the row
-- and its long texts: search maps tens of thousands of hits through it.
CREATE INDEX entries_hit ON entries (id, paper_id);
-- One row per distinct paper; its fields are those of the entry in its newest post.
CREATE TABLE papers (
    id       TEXT PRIMARY KEY,
    entry_id INTEGER NOT NULL
) WITHOUT ROWID;
-- The stamp of the last commit that reached both this file and the text index (textindex.py).
CREATE TABLE text_index (stamp TEXT NOT NULL);
"""


# An entry's row is about 3 KB: a 4 KB page held one and left the rest unused (31% of the
# entries' pages at corpus x10), 16 KB pages hold five (the file 16.6 MB -> 13.3 MB).
PAGE_SIZE = 16384


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    return storage.connect(
        path, storage.Durability.REBUILT, readonly=readonly, timeout=10.0, page_size=PAGE_SIZE
    )


is_corruption = storage.is_corruption


def _usable(conn: sqlite3.Connection) -> bool:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != INDEX_VERSION:
            return False
        conn.execute("SELECT count(*) FROM posts").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False


def set_aside(path: Path) -> Path | None:
    """A damaged cache: out of the way, only the latest copy kept."""
    return storage.set_aside(path, keep_older=False)


def open_index(path: Path) -> tuple[sqlite3.Connection, str]:
    """Open (creating or rebuilding as needed) the index; returns (connection, what happened)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    note = ""
    if path.exists():
        try:
            conn = connect(path)
            if _usable(conn):
                return conn, note
            damaged = conn.execute("PRAGMA user_version").fetchone()[0] == INDEX_VERSION
            conn.close()
        except sqlite3.DatabaseError:
            damaged = True
        if damaged:
            aside = set_aside(path)
            note = f"the index cache was damaged; set aside as {aside} and rebuilt"
        else:
            note = "the index cache was written by another version; rebuilt"
        for leftover in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            leftover.unlink(missing_ok=True)
    conn = connect(path)
    conn.executescript(f"BEGIN; {SCHEMA} PRAGMA user_version = {INDEX_VERSION};")
    conn.execute("INSERT INTO text_index VALUES (?)", (new_stamp(),))
    conn.execute("COMMIT")
    return conn, note


@functools.cache
def _compressors() -> threading.local:
    """zstd contexts are not to be shared between threads: one each (threading is loaded by
    the commands that write, not by `show`)."""
    import threading

    return threading.local()


@functools.cache  # a failed import searches the whole path again: once
def _zstd() -> ModuleType:
    """The standard library's zstd (Python 3.14), else its backport: loaded by the commands
    that read or write an analysis, 3 ms that the others do not pay."""
    try:
        from compression import zstd  # type: ignore[import-not-found]
    except ImportError:
        from backports import zstd
    return zstd


def pack_text(text: str) -> bytes:
    """A long text as stored: compressed (abstracts and takeaways: the file 13.3 MB -> 9.7 MB
    at corpus x10). zstd (level 3): when the index held the analyses, it took them to 44% in
    half of zlib's time at its fastest level (which gave 43%), and read them back in 60% of its
    time (tests/benchmarks/bench_index.py). A compressor is kept for each thread: one made
    for each text took a short abstract 9 us instead of 4 us."""
    compressor = getattr(_compressors(), "zstd", None)
    if compressor is None:
        compressor = _compressors().zstd = _zstd().ZstdCompressor(level=3)
    return compressor.compress(text.encode("utf-8"), mode=compressor.FLUSH_FRAME)


def unpack_text(stored: bytes | str) -> str:
    if isinstance(stored, str):
        return stored
    return _zstd().decompress(stored).decode("utf-8")


def new_stamp() -> str:
    return os.urandom(8).hex()  # what secrets.token_hex does, without its imports (4 ms)


_STAMP = "stamp"


def read_stamp(folder: Path) -> str:
    """The stamp of the text index in `folder` (see textindex.py); "" when it has none."""
    try:
        return (folder / _STAMP).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def write_stamp(folder: Path, value: str) -> None:
    temporary = folder / f"{_STAMP}.tmp"
    temporary.write_text(value, encoding="ascii")
    os.replace(temporary, folder / _STAMP)


def text_folder(index_path: Path) -> Path:
    """Where the full-text index of an SQLite index lives."""
    return index_path.with_suffix(".search")
