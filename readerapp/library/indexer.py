"""Bring the index cache in line with the posts on disk, reading only what changed."""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from readerapp.digest.model import PaperEntry, ParseResult, Post, Problem
from readerapp.digest.text import day_in_path, strip_tags
from readerapp.library.scanner import FileStat, scan
from readerapp.library.schema import new_stamp, pack_text, read_stamp, tree_order, unpack_text

if TYPE_CHECKING:  # tantivy loads only when something is written
    from readerapp.library.textindex import TextIndex, TextWriter

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
    busy: bool = False  # another process was updating the index: nothing was read

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


# title, authors, abstract, summary, takeaways, analysis
Fields = tuple[str, str, str, str, str, str]


def plain_fields(
    title: str, authors: list[str], abstract: str, summary: str, takeaways: list[str], analysis: str
) -> Fields:
    """What the full-text index reads of an entry, before CJK runs become bigrams."""
    joined = ", ".join(authors), "\n".join(takeaways)
    return (title, joined[0], abstract, summary, joined[1], strip_tags(analysis))


def index_fields(entries: list[Fields]) -> list[Fields]:
    """The entries' fields as the text index takes them: CJK runs as bigrams (all at once: array
    operations on the code points of many texts are what makes this fast)."""
    from readerapp.library.cjk import bigram_texts  # numpy: only when posts are indexed

    flat = bigram_texts([text for fields in entries for text in fields])
    width = len(Fields.__args__)  # type: ignore[attr-defined]
    return [tuple(flat[i : i + width]) for i in range(0, len(flat), width)]  # type: ignore[misc]


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _delete_posts(conn: sqlite3.Connection, text: TextWriter, paths: Iterable[str]) -> set[str]:
    """Remove posts with their entries and their documents; return the paper ids they held."""
    papers: set[str] = set()
    for path in paths:
        row = conn.execute("SELECT id FROM posts WHERE path = ?", (path,)).fetchone()
        if row is None:
            continue
        entries = conn.execute(
            "SELECT id, paper_id FROM entries WHERE post_id = ?", (row[0],)
        ).fetchall()
        text.delete(entry_id for entry_id, _ in entries)
        papers.update(paper_id for _, paper_id in entries)
        conn.execute("DELETE FROM entries WHERE post_id = ?", (row[0],))
        conn.execute("DELETE FROM posts WHERE id = ?", (row[0],))
    return papers


def _entry_values(entry: PaperEntry) -> tuple:
    """An entry's row but its id and post id, made in the worker that parsed it."""
    return (
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
        pack_text(entry.analysis),
        json.dumps(entry.screenshots, ensure_ascii=False),
        json.dumps([[link.url, link.kind] for link in entry.links], ensure_ascii=False),
    )


@dataclass
class _ReadPost:
    """A post read and prepared off the writing thread: parsed, its rows and index text ready
    (the post itself comes without its entries: they would cross between processes twice)."""

    stat: FileStat
    post: Post | None
    problems: list[Problem]
    rows: list[tuple]  # _entry_values of each entry
    texts: list[Fields]
    topic: str = ""  # the post's (which depends on its entries)
    unreadable: bool = False  # the file could not be read at all (not: read but not a post)


class _Ids:
    """Entry ids for new rows, counted here: one query per update instead of one per post (each
    small query waits for the parsing thread to hand back the GIL)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        used = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entries'), 0),"
            " coalesce((SELECT max(id) FROM entries), 0))"
        ).fetchone()[0]
        self.next = used + 1

    def take(self, count: int) -> int:
        first, self.next = self.next, self.next + count
        return first


def _insert_post(
    conn: sqlite3.Connection, text: TextWriter, ids: _Ids, item: _ReadPost
) -> set[str]:
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
            item.topic,
            item.topic.casefold(),
            _iso(date),
            json.dumps(post.categories, ensure_ascii=False),
            json.dumps(post.tags, ensure_ascii=False),
            post.description,
            post.cover,
            len(item.rows),
            post.body,
        ),
    )
    post_id = cursor.lastrowid
    assert post_id is not None  # an INSERT always has one
    first = ids.take(len(item.rows))
    rows = [(first + i, post_id, *values) for i, values in enumerate(item.rows)]
    conn.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 16)})", rows)
    for i, fields in enumerate(item.texts):
        text.add(first + i, fields)
    return {values[1] for values in item.rows}


def _refresh_papers(conn: sqlite3.Connection, paper_ids: Iterable[str]) -> None:
    """Point each paper at the entry of its newest post (or drop it when no post holds it).
    Two statements for any number of papers: a query per paper cost 2 s on 3,000 papers."""
    ids = json.dumps(sorted(paper_ids))
    conn.execute(
        "DELETE FROM papers WHERE id IN (SELECT value FROM json_each(?))"
        " AND id NOT IN (SELECT paper_id FROM entries)",
        (ids,),
    )
    conn.execute(
        "INSERT OR REPLACE INTO papers (id, entry_id) SELECT paper_id, id FROM (SELECT e.paper_id,"
        " e.id, row_number() OVER (PARTITION BY e.paper_id ORDER BY p.date DESC, p.path, e.idx)"
        " AS r FROM entries e JOIN posts p ON p.id = e.post_id"
        " WHERE e.paper_id IN (SELECT value FROM json_each(?))) WHERE r = 1",
        (ids,),
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
        return _ReadPost(stat, None, [problem], [], [], unreadable=True)
    try:
        result = parse_post(data, stat.path)
        entries = result.post.entries if result.post else []
        texts = index_fields(
            [
                plain_fields(e.title, e.authors, e.abstract, e.summary, e.takeaways, e.analysis)
                for e in entries
            ]
        )
        rows = [_entry_values(e) for e in entries]
        topic = result.post.topic if result.post else ""
        if result.post:
            result.post.entries = []
    except Exception as error:  # a parser bug must cost one post, never the library
        log.exception("reading %s failed", stat.path)
        message = f"could not be read ({type(error).__name__}: {error}); skipped"
        return _ReadPost(stat, None, [Problem(stat.path, 1, message[:300], "error")], [], [])
    return _ReadPost(stat, result.post, result.problems, rows, texts, topic=topic)


_Item = _ReadPost | FileStat | BaseException | None
POOL_MIN = 40  # posts to read before parsing in other processes pays for starting them
# Parsing in other processes pays on 4 cores or more. On 2, tantivy's threads already fill the
# second core: 310 posts took 5.6 s with two workers (9.9 s of CPU) and 5.4 s without (8.9 s).
POOL_CORES = 4
POOL_MAX = 4  # worker processes at most (half the cores below that: tantivy has the rest)
_IN_FLIGHT = 8  # chunks submitted ahead: enough to keep the workers busy, little memory


def _read_chunk(root: Path, stats: list[FileStat]) -> list[_ReadPost | None]:
    return [_read(root, stat) for stat in stats]


def _pooled(
    root: Path, stats: list[FileStat], cancelled: Callable[[], bool], workers: int
) -> Iterator[_ReadPost | None]:
    """The posts read by worker processes, in order. Parsing is Python: one process parses on
    one core, and the GIL made the writer wait for every small query."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    chunks = [stats[i : i + 4] for i in range(0, len(stats), 4)]
    # spawn, not fork: the window has threads, and a forked child inherits their locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: list[Future[list[_ReadPost | None]]] = []
        try:
            for chunk in chunks:
                pending.append(pool.submit(_read_chunk, root, chunk))
                if len(pending) >= _IN_FLIGHT:
                    yield from pending.pop(0).result()
                if cancelled():
                    return
            while pending:
                yield from pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


def _read_in_order(
    root: Path, stats: list[FileStat], cancelled: Callable[[], bool]
) -> Iterator[_ReadPost | None]:
    """Each post read, in order: by worker processes when there are many, else here. A pool
    that cannot start or breaks (a script without a `__main__` guard, a killed worker) costs
    speed, not the update: the rest is read in this thread."""
    done = 0
    cores = os.cpu_count() or 1
    if len(stats) >= POOL_MIN and cores >= POOL_CORES:
        from concurrent.futures.process import BrokenProcessPool

        try:
            for item in _pooled(root, stats, cancelled, min(cores // 2, POOL_MAX)):
                done += 1
                yield item
            return
        except (BrokenProcessPool, RuntimeError, OSError) as error:
            log.warning("parsing in worker processes failed (%s); parsing here", error)
    for stat in stats[done:]:
        yield _read(root, stat)


def _read_all(
    root: Path,
    stats: list[FileStat],
    out: queue.Queue[_Item],
    should_cancel: Callable[[], bool],
) -> None:
    """Producer thread: parse posts while the writer inserts. An unexpected error is handed to
    the writer, which rolls back and raises it: never a silent end of the stream that would
    commit half a library."""
    try:
        for stat, item in zip(stats, _read_in_order(root, stats, should_cancel), strict=False):
            if should_cancel():
                break
            out.put(item or stat)  # a bare FileStat: the file vanished
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


def _clear(conn: sqlite3.Connection, text: TextWriter) -> None:
    """Empty the index inside the open transaction (a rebuild: readers keep the old snapshot)."""
    text.clear()
    conn.execute("DELETE FROM papers")
    conn.execute("DELETE FROM entries")
    conn.execute("DELETE FROM posts")


def _commit(conn: sqlite3.Connection, text: TextWriter, text_index: TextIndex) -> None:
    """Commit both stores, the text index first (see textindex.py for the stamp)."""
    text_index.write_stamp("pending")
    text.commit()
    stamp = new_stamp()
    conn.execute("UPDATE text_index SET stamp = ?", (stamp,))
    conn.execute("COMMIT")
    text_index.write_stamp(stamp)


def in_step(conn: sqlite3.Connection, text_folder: Path) -> bool:
    """Whether the text index holds what the SQLite index says (no commit was interrupted)."""
    row = conn.execute("SELECT stamp FROM text_index").fetchone()
    return row is not None and row[0] == read_stamp(text_folder)


def _resync(conn: sqlite3.Connection, text: TextWriter) -> None:
    """Refill the text index from the SQLite rows (after an interrupted commit)."""
    text.clear()
    rows = conn.execute(
        "SELECT id, title, authors, abstract, summary, takeaways, analysis FROM entries"
    )
    while batch := rows.fetchmany(500):
        plain = [
            plain_fields(t, json.loads(a), ab, su, json.loads(ta), unpack_text(an))
            for _, t, a, ab, su, ta, an in batch
        ]
        for (entry_id, *_), fields in zip(batch, index_fields(plain), strict=True):
            text.add(entry_id, fields)


def update_index(
    conn: sqlite3.Connection,
    root: Path,
    text_folder: Path,
    open_text: Callable[[], TextIndex],
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
    resync = not in_step(conn, text_folder)
    if not to_read and not removed and not rebuild and not resync:
        report.seconds = time.perf_counter() - started
        return report

    items: queue.Queue[_Item] = queue.Queue(maxsize=64)
    # The writer waits on SQLite with the GIL released; a short switch interval hands the GIL
    # back to it quickly, so parsing and indexing really overlap.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0002))
    stop = threading.Event()

    def cancelled() -> bool:
        return stop.is_set() or bool(should_cancel and should_cancel())

    batch_ends = _batch_ends(len(to_read))
    reader = threading.Thread(target=_read_all, args=(root, to_read, items, cancelled), daemon=True)
    text_index = open_text()
    text = text_index.writer()
    reader.start()
    done = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        ids = _Ids(conn)
        if rebuild:
            _clear(conn, text)
        elif resync:
            _resync(conn, text)
        affected = _delete_posts(conn, text, removed)
        while (item := items.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            done += 1
            path = item.path if isinstance(item, FileStat) else item.stat.path
            if isinstance(item, FileStat):  # vanished between the scan and the read
                affected |= _delete_posts(conn, text, [item.path])
                report.removed += item.path in known
                continue
            report.problems.extend(item.problems)
            if item.unreadable and path in known:
                continue  # keep what was indexed from it; the next update tries again
            if path in old:
                affected |= _delete_posts(conn, text, [path])
            affected |= _insert_post(conn, text, ids, item)
            if path in known:
                report.changed += 1
            else:
                report.added += 1
            if progress:
                progress(done, len(to_read))
            if first_index and done in batch_ends:
                _refresh_papers(conn, affected)
                _rank_posts(conn)
                _commit(conn, text, text_index)
                text_index.refresh()
                affected = set()
                if on_batch:
                    on_batch(done)
                conn.execute("BEGIN IMMEDIATE")
        _refresh_papers(conn, affected)
        _rank_posts(conn)
        _commit(conn, text, text_index)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        text.rollback()
        stop.set()
        while items.get() is not None:  # let the reader finish instead of blocking on put
            pass
        raise
    finally:
        reader.join()
        text.close()
        sys.setswitchinterval(switch_interval)
    report.cancelled = done < len(to_read)
    report.removed += len(removed)
    report.seconds = time.perf_counter() - started
    return report
