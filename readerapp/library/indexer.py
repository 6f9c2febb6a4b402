"""Bring the index cache in line with the posts on disk, reading only what changed."""

from __future__ import annotations

import json
import logging
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from readerapp.digest.model import PaperEntry, ParseResult, Post, Problem
from readerapp.digest.text import day_in_path, strip_tags
from readerapp.library.fts import index_text
from readerapp.library.scanner import FileStat, scan
from readerapp.library.schema import tree_order

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]  # (posts read so far, posts to read)


@dataclass
class UpdateReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False
    replaced_damaged: str = ""  # set when a damaged index file was set aside and rebuilt

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def fts_values(
    title: str, authors: list[str], abstract: str, summary: str, takeaways: list[str], analysis: str
) -> tuple[str, ...]:
    """The text FTS5 indexes for one entry. Deterministic: deletes re-derive it from the row."""
    analysis = strip_tags(analysis)
    return tuple(
        index_text(text)
        for text in (title, ", ".join(authors), abstract, summary, "\n".join(takeaways), analysis)
    )


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _delete_posts(conn: sqlite3.Connection, paths: Iterable[str]) -> set[str]:
    """Remove posts with their entries and FTS rows; return the paper ids they held."""
    papers: set[str] = set()
    for path in paths:
        row = conn.execute("SELECT id FROM posts WHERE path = ?", (path,)).fetchone()
        if row is None:
            continue
        entries = conn.execute(
            "SELECT id, paper_id, title, authors, abstract, summary, takeaways, analysis"
            " FROM entries WHERE post_id = ?",
            (row[0],),
        ).fetchall()
        conn.executemany(
            "INSERT INTO entries_fts (entries_fts, rowid, title, authors, abstract, summary,"
            " takeaways, analysis) VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)",
            [
                (e[0], *fts_values(e[2], json.loads(e[3]), e[4], e[5], json.loads(e[6]), e[7]))
                for e in entries
            ],
        )
        papers.update(e[1] for e in entries)
        conn.execute("DELETE FROM entries WHERE post_id = ?", (row[0],))
        conn.execute("DELETE FROM posts WHERE id = ?", (row[0],))
    return papers


def _entry_row(entry_id: int, post_id: int, entry: PaperEntry) -> tuple:
    return (
        entry_id,
        post_id,
        entry.index,
        entry.id,
        entry.title,
        json.dumps(entry.authors, ensure_ascii=False),
        entry.arxiv_id,
        entry.arxiv_version,
        entry.pdf_url,
        entry.comment,
        entry.abstract,
        entry.summary,
        json.dumps(entry.takeaways, ensure_ascii=False),
        entry.analysis,
        json.dumps(entry.screenshots, ensure_ascii=False),
        json.dumps([[link.url, link.kind] for link in entry.links], ensure_ascii=False),
    )


@dataclass
class _ReadPost:
    """A post read and prepared off the writing thread: parsed, with its FTS text ready."""

    stat: FileStat
    post: Post | None
    problems: list[Problem]
    fts: list[tuple[str, ...]]
    unreadable: bool = False  # the file could not be read at all (not: read but not a post)


def _insert_post(conn: sqlite3.Connection, item: _ReadPost) -> set[str]:
    stat, post = item.stat, item.post
    problem_json = json.dumps([[p.line, p.severity, p.message] for p in item.problems])
    if post is None:
        conn.execute(
            "INSERT INTO posts (path, mtime_ns, size, skipped, problems) VALUES (?, ?, ?, 1, ?)",
            (stat.path, stat.mtime_ns, stat.size, problem_json),
        )
        return set()
    date = post.date or datetime.fromtimestamp(stat.mtime_ns / 1e9)
    cursor = conn.execute(
        "INSERT INTO posts (path, mtime_ns, size, problems, title, topic, topic_key, date,"
        " categories, tags, description, cover, n_entries, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            stat.path,
            stat.mtime_ns,
            stat.size,
            problem_json,
            post.title,
            post.topic,
            post.topic.casefold(),
            _iso(date),
            json.dumps(post.categories, ensure_ascii=False),
            json.dumps(post.tags, ensure_ascii=False),
            post.description,
            post.cover,
            len(post.entries),
            post.body,
        ),
    )
    post_id = cursor.lastrowid
    assert post_id is not None  # an INSERT always has one
    first = (conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]) + 1
    rows = [_entry_row(first + i, post_id, e) for i, e in enumerate(post.entries)]
    conn.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 16)})", rows)
    conn.executemany(
        "INSERT INTO entries_fts (rowid, title, authors, abstract, summary, takeaways, analysis)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(first + i, *values) for i, values in enumerate(item.fts)],
    )
    return {e.id for e in post.entries}


def _refresh_papers(conn: sqlite3.Connection, paper_ids: Iterable[str]) -> None:
    """Point each paper at the entry of its newest post (or drop it when no post holds it)."""
    for paper_id in paper_ids:
        row = conn.execute(
            "SELECT e.id FROM entries e JOIN posts p ON p.id = e.post_id WHERE e.paper_id = ?"
            " ORDER BY p.date DESC, p.path, e.idx LIMIT 1",
            (paper_id,),
        ).fetchone()
        if row is None:
            conn.execute("DELETE FROM papers WHERE id = ?", (paper_id,))
        else:
            conn.execute(
                "INSERT OR REPLACE INTO papers (id, entry_id) VALUES (?, ?)", (paper_id, row[0])
            )


def _rank_posts(conn: sqlite3.Connection) -> None:
    """Number the posts in tree order (topics by casefold, newest post first) from 1, so
    navigation steps from any post to the next with one indexed query; skipped files get 0."""
    conn.execute(
        "UPDATE posts SET tree_rank = ranked.r FROM (SELECT id, CASE WHEN skipped THEN 0 ELSE"
        f" row_number() OVER (ORDER BY skipped, {tree_order('')}) END AS r"
        " FROM posts) AS ranked WHERE posts.id = ranked.id AND posts.tree_rank != ranked.r"
    )


def parse_post(data: bytes, path: str) -> ParseResult:
    """The parser (with YAML and the label rules) is imported when a first post is read: an
    update that finds nothing changed never loads it."""
    from readerapp.digest.parser import parse_post as parse

    return parse(data, path)


def _read(root: Path, stat: FileStat) -> _ReadPost | None:
    try:
        data = (root / stat.path).read_bytes()
    except FileNotFoundError:
        return None  # removed since the scan
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(stat.path, 1, f"cannot read: {reason}; skipped", "error")
        return _ReadPost(stat, None, [problem], [], unreadable=True)
    try:
        result = parse_post(data, stat.path)
        entries = result.post.entries if result.post else []
        fts = [
            fts_values(e.title, e.authors, e.abstract, e.summary, e.takeaways, e.analysis)
            for e in entries
        ]
    except Exception as error:  # a parser bug must cost one post, never the library
        log.exception("reading %s failed", stat.path)
        message = f"could not be read ({type(error).__name__}: {error}); skipped"
        return _ReadPost(stat, None, [Problem(stat.path, 1, message[:300], "error")], [])
    return _ReadPost(stat, result.post, result.problems, fts)


_Item = _ReadPost | FileStat | BaseException | None


def _read_all(
    root: Path,
    stats: list[FileStat],
    out: queue.Queue[_Item],
    should_cancel: Callable[[], bool] | None,
) -> None:
    """Producer thread: parse posts while the writer inserts (SQLite releases the GIL). An
    unexpected error is handed to the writer, which rolls back and raises it: never a silent
    end of the stream that would commit half a library."""
    try:
        for stat in stats:
            if should_cancel and should_cancel():
                break
            out.put(_read(root, stat) or stat)  # a bare FileStat: the file vanished
    except BaseException as error:
        out.put(error)
    finally:
        out.put(None)


FIRST_BATCH = 10  # posts before the first commit of a first index: papers on screen at once
BATCH_GROWTH = 4  # each next batch this many times larger (fewer commits, fewer re-rankings)


def _batch_ends(total: int) -> set[int]:
    """After how many posts a first index commits: 10, 50, 210, 850 ... (never the last)."""
    ends: set[int] = set()
    size, end = FIRST_BATCH, FIRST_BATCH
    while end < total:
        ends.add(end)
        size *= BATCH_GROWTH
        end += size
    return ends


def _clear(conn: sqlite3.Connection) -> None:
    """Empty the index inside the open transaction (a rebuild: readers keep the old snapshot)."""
    conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
    conn.execute("DELETE FROM papers")
    conn.execute("DELETE FROM entries")
    conn.execute("DELETE FROM posts")


def update_index(
    conn: sqlite3.Connection,
    root: Path,
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    rebuild: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> UpdateReport:
    """Scan `root`; parse new and changed posts; apply all changes in one transaction. With
    `rebuild`, every post is read again and replaces the old index in that same transaction,
    so a reader sees either the old library or the new one, never half of it.

    A first index (an empty index) is different: readable at once. Posts are read newest first
    and committed in growing batches; `on_batch(posts so far)` is called after each, so the
    window shows the first papers while the rest is still being read."""
    started = time.perf_counter()
    report = UpdateReport()
    found = scan(root)
    on_disk = found.files
    report.problems.extend(found.problems)
    old = {
        path: (mtime, size)
        for path, mtime, size in conn.execute("SELECT path, mtime_ns, size FROM posts")
    }
    known = {} if rebuild else old
    first_index = not old and not rebuild
    to_read = sorted(
        (s for p, s in on_disk.items() if known.get(p) != (s.mtime_ns, s.size)),
        key=lambda s: s.path,
    )
    if first_index:  # today's digests first (a stable sort keeps the path order within a day)
        to_read.sort(key=lambda s: day_in_path(s.path), reverse=True)
    # A folder that could not be listed keeps its posts: unreadable is not deleted.
    removed = [p for p in known if p not in on_disk and not found.hides(p)]
    report.unchanged = len(on_disk) - len(to_read)
    if not to_read and not removed and not rebuild:
        report.seconds = time.perf_counter() - started
        return report

    items: queue.Queue[_Item] = queue.Queue(maxsize=64)
    # The writer waits on SQLite with the GIL released; a short switch interval hands the GIL
    # back to it quickly, so parsing and FTS indexing really overlap on two cores.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0002))
    stop = threading.Event()

    def cancelled() -> bool:
        return stop.is_set() or bool(should_cancel and should_cancel())

    batch_ends = _batch_ends(len(to_read))
    reader = threading.Thread(target=_read_all, args=(root, to_read, items, cancelled), daemon=True)
    reader.start()
    done = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        if rebuild:
            _clear(conn)
        affected = _delete_posts(conn, removed)
        while (item := items.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            done += 1
            if isinstance(item, FileStat):  # vanished between the scan and the read
                affected |= _delete_posts(conn, [item.path])
                report.removed += item.path in known
                continue
            report.problems.extend(item.problems)
            if item.unreadable and item.stat.path in known:
                continue  # keep what was indexed from it; the next update tries again
            affected |= _delete_posts(conn, [item.stat.path])
            affected |= _insert_post(conn, item)
            if item.stat.path in known:
                report.changed += 1
            else:
                report.added += 1
            if progress:
                progress(done, len(to_read))
            if first_index and done in batch_ends:
                _refresh_papers(conn, affected)
                _rank_posts(conn)
                conn.execute("COMMIT")
                affected = set()
                if on_batch:
                    on_batch(done)
                conn.execute("BEGIN IMMEDIATE")
        _refresh_papers(conn, affected)
        _rank_posts(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        stop.set()
        while items.get() is not None:  # let the reader finish instead of blocking on put
            pass
        raise
    finally:
        reader.join()
        sys.setswitchinterval(switch_interval)
    report.cancelled = done < len(to_read)
    report.removed += len(removed)
    report.seconds = time.perf_counter() - started
    return report
