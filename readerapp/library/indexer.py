"""Bring the index cache in line with the posts on disk, reading only what changed."""

from __future__ import annotations

import json
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from readerapp.digest.text import day_in_path
from readerapp.library.changes import Plan, UpdateReport, plan_update
from readerapp.library.heap import give_back_free_memory
from readerapp.library.reading import Item, ReadPost, read_all
from readerapp.library.roots import Roots
from readerapp.library.scanner import FileStat
from readerapp.library.schema import new_stamp, tree_order
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.logsetup import get_logger

if TYPE_CHECKING:  # tantivy loads only when something is written
    from readerapp.library.textindex import TextIndex, TextWriter

log = get_logger(__name__)
Progress = Callable[[int, int], None]  # (posts read so far, posts to read)


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


def _insert_post(conn: sqlite3.Connection, text: TextWriter, ids: _Ids, item: ReadPost) -> set[str]:
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
    conn.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 18)})", rows)
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


FIRST_BATCH = 10  # posts before the first commit of a first index: papers on screen at once
BATCH_GROWTH = 4  # each next batch this many times larger (fewer commits, fewer re-rankings)
# ... up to this many posts: a transaction of 10,000 posts held 100 MB more memory and was
# slower, not faster (corpus x300: 283 MB and 163 s uncapped, 176 MB and 130 s capped).
BATCH_MAX = 1000


def _batch_ends(total: int) -> set[int]:
    """After how many posts a first index commits: 10, 50, 210, 850, 1850, 2850 ... (never
    the last)."""
    ends: set[int] = set()
    size, end = FIRST_BATCH, FIRST_BATCH
    while end < total:
        ends.add(end)
        size = min(size * BATCH_GROWTH, BATCH_MAX)
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
    give_back_free_memory()  # what the batch's posts took (heap.py)


def update_index(
    conn: sqlite3.Connection,
    root: Roots,
    text_folder: Path,
    open_text: Callable[[], TextIndex],
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    rebuild: bool = False,
    on_batch: Callable[[int], None] | None = None,
    plan: Plan | None = None,
) -> UpdateReport:
    """Scan the folders of `root`; parse new and changed posts; apply all changes in one
    transaction. With `rebuild`, every post is read again and replaces the old index in that
    same transaction, so a reader sees either the old library or the new one, never half.

    A first index (an empty index) is different: readable at once. Posts are read newest first
    and committed in growing batches; `on_batch(posts so far)` is called after each, so the
    window shows the first papers while the rest is still being read. `plan`: what the caller
    already found to do (changes.py)."""
    started = time.perf_counter()
    report = UpdateReport()
    text_index = open_text()
    if text_index.emptied:  # found damaged and replaced since the stamp was read
        text_index.emptied = False
        if conn.execute("SELECT 1 FROM posts LIMIT 1").fetchone():  # refilled from the posts
            rebuild, plan = True, None
    if plan is None or (rebuild and not plan.rebuild):
        plan = plan_update(conn, root, text_folder, rebuild=rebuild)
    report.problems.extend(plan.found.problems)
    old, known, to_read, removed = plan.old, plan.known, plan.to_read, plan.removed
    first_index, rebuild = plan.first_index, plan.rebuild
    if first_index:  # today's digests first (a stable sort keeps the path order within a day)
        to_read.sort(key=lambda s: day_in_path(s.path), reverse=True)
    report.unchanged = len(plan.found.files) - len(to_read)
    if plan.idle:
        report.seconds = time.perf_counter() - started
        return report

    items: queue.Queue[Item] = queue.Queue(maxsize=64)
    # The writer waits on SQLite with the GIL released; a short switch interval hands the GIL
    # back to it quickly, so parsing and indexing really overlap.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0002))
    stop = threading.Event()

    def cancelled() -> bool:
        return stop.is_set() or bool(should_cancel and should_cancel())

    batch_ends = _batch_ends(len(to_read))
    reader = threading.Thread(target=read_all, args=(root, to_read, items, cancelled), daemon=True)
    text = text_index.writer()
    reader.start()
    done = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        ids = _Ids(conn)
        if rebuild:
            _clear(conn, text)
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
            if path in old and not rebuild:  # a rebuild emptied the index first
                affected |= _delete_posts(conn, text, [path])
            affected |= _insert_post(conn, text, ids, item)
            before = old.get(path)
            if before is None:
                report.added += 1
            elif before != (item.stat.mtime_ns, item.stat.size):
                report.changed += 1
            else:  # the same file, read again by a rebuild
                report.unchanged += 1
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
