"""Reading posts for the index: each file read and parsed, its rows and full-text fields made
ready, off the writing thread (and in worker processes on machines with cores to spare)."""

from __future__ import annotations

import json
import os
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from readerapp.digest.model import PaperEntry, ParseResult, Post, Problem
from readerapp.digest.text import strip_tags
from readerapp.library.roots import Roots
from readerapp.library.scanner import FileStat
from readerapp.library.schema import pack_text
from readerapp.logsetup import get_logger

log = get_logger(__name__)

# title, authors, abstract, summary, takeaways, analysis
Fields = tuple[str, str, str, str, str, str]


def plain_fields(
    title: str, authors: list[str], abstract: str, summary: str, takeaways: list[str], analysis: str
) -> Fields:
    """What the full-text index reads of an entry, before CJK runs become bigrams."""
    joined = ", ".join(authors), "\n".join(takeaways)
    return (title, joined[0], abstract, summary, joined[1], strip_tags(analysis))


def index_fields(entries: list[Fields]) -> list[Fields]:
    """The entries' fields as the text index takes them: folded (fold.py), CJK runs as bigrams.
    All at once: one pass of `str.lower` and array operations on the code points of many texts
    are what makes this fast."""
    from readerapp.library.cjk import SEPARATOR, bigrams  # numpy: only when posts are indexed
    from readerapp.library.fold import fold_with_points

    if not entries:
        return []
    flat = bigrams(*fold_with_points(SEPARATOR.join(text for fields in entries for text in fields)))
    texts = flat.split(SEPARATOR)
    width = len(Fields.__args__)  # type: ignore[attr-defined]
    return [tuple(texts[i : i + width]) for i in range(0, len(texts), width)]  # type: ignore[misc]


# One encoder for every row: json.dumps with an option makes one per call (a third of its time).
_JSON = json.JSONEncoder(ensure_ascii=False).encode


def entry_values(entry: PaperEntry) -> tuple:
    """An entry's row but its id and post id, made in the worker that parsed it."""
    return (
        entry.index,
        entry.id,
        entry.title,
        _JSON(entry.authors),
        entry.arxiv_id,
        entry.arxiv_version,
        entry.pdf_url,
        entry.comment,
        pack_text(entry.abstract),
        entry.summary,
        pack_text(_JSON(entry.takeaways)),
        _JSON(entry.screenshots),
        _JSON([[link.url, link.kind] for link in entry.links]),
        entry.line,
        entry.span,
        entry.analysis_line,
    )


@dataclass
class ReadPost:
    """A post read and prepared off the writing thread: parsed, its rows and index text ready
    (the post itself comes without its entries: they would cross between processes twice)."""

    stat: FileStat
    post: Post | None
    problems: list[Problem]
    rows: list[tuple]  # entry_values of each entry
    texts: list[Fields]
    topic: str = ""  # the post's (which depends on its entries)
    unreadable: bool = False  # the file could not be read at all (not: read but not a post)


def parse_post(data: bytes, path: str) -> ParseResult:
    """The parser (with YAML and the label rules) is imported when a first post is read: an
    update that finds nothing changed never loads it."""
    from readerapp.digest.parser import parse_post as parse

    return parse(data, path)


def _read(root: Roots, stat: FileStat) -> ReadPost | None:
    try:
        data = root.file(stat.path).read_bytes()
    except FileNotFoundError:
        return None  # removed since the scan
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(stat.path, 1, f"cannot read: {reason}; skipped", "error")
        return ReadPost(stat, None, [problem], [], [], unreadable=True)
    try:
        result = parse_post(data, stat.path)
        entries = result.post.entries if result.post else []
        texts = index_fields(
            [
                plain_fields(e.title, e.authors, e.abstract, e.summary, e.takeaways, e.analysis)
                for e in entries
            ]
        )
        rows = [entry_values(e) for e in entries]
        topic = result.post.topic if result.post else ""
        if result.post:
            result.post.entries = []
    except Exception as error:  # a parser bug must cost one post, never the library
        log.exception("reading %s failed", stat.path)
        message = f"could not be read ({type(error).__name__}: {error}); skipped"
        return ReadPost(stat, None, [Problem(stat.path, 1, message[:300], "error")], [], [])
    return ReadPost(stat, result.post, result.problems, rows, texts, topic=topic)


Item = ReadPost | FileStat | BaseException | None
POOL_MIN = 40  # posts to read before parsing in other processes pays for starting them
# Parsing in other processes pays on 4 cores or more. On 2, tantivy's threads already fill the
# second core: 310 posts took 5.6 s with two workers (9.9 s of CPU) and 5.4 s without (8.9 s).
POOL_CORES = 4
POOL_MAX = 4  # worker processes at most (half the cores below that: tantivy has the rest)
_IN_FLIGHT = 8  # chunks submitted ahead: enough to keep the workers busy, little memory


def _read_chunk(root: Roots, stats: list[FileStat]) -> list[ReadPost | None]:
    return [_read(root, stat) for stat in stats]


def _pooled(
    root: Roots, stats: list[FileStat], cancelled: Callable[[], bool], workers: int
) -> Iterator[ReadPost | None]:
    """The posts read by worker processes, in order. Parsing is Python: one process parses on
    one core, and the GIL made the writer wait for every small query."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    chunks = [stats[i : i + 4] for i in range(0, len(stats), 4)]
    # spawn, not fork: the window has threads, and a forked child inherits their locks.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: list[Future[list[ReadPost | None]]] = []
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
    root: Roots, stats: list[FileStat], cancelled: Callable[[], bool]
) -> Iterator[ReadPost | None]:
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


def read_all(
    root: Roots,
    stats: list[FileStat],
    out: queue.Queue[Item],
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
