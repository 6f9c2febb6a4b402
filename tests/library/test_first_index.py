"""A library never indexed is readable at once (issue 13): a first index reads the newest posts
first and commits them in growing batches, which other connections see while it goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readerapp.library import indexer, reading
from readerapp.library.library import Library
from tests.helpers import entry, write_digest


def _blog(root: Path, days: int) -> Path:
    for day in range(1, days + 1):
        month, dom = 1 + (day - 1) // 28, 1 + (day - 1) % 28
        when = f"2024-{month:02d}-{dom:02d} 10:00:00"
        write_digest(root, "3DGS", when, [entry(title=f"P{day}", arxiv=f"2401.{day:05d}")])
    return root


def test_a_first_index_commits_the_newest_posts_first(tmp_path: Path) -> None:
    root = _blog(tmp_path / "posts", 70)
    seen: list[tuple[int, int, str]] = []

    def on_batch(posts: int) -> None:
        reader = Library(root, tmp_path / "index.sqlite3")  # another connection, as the window
        count, oldest = reader.conn.execute("SELECT count(*), min(date) FROM posts").fetchone()
        seen.append((posts, count, oldest[:10]))
        reader.close()

    library = Library(root, tmp_path / "index.sqlite3")
    report = library.update(on_batch=on_batch)
    assert report.added == 70 and library.counts().posts == 70
    assert [(posts, count) for posts, count, _ in seen] == [(10, 10), (50, 50)]
    assert seen[0][2] == "2024-03-05"  # the 10 newest of 70 days: 61st to 70th
    assert library.paper_ids()[0] == "2401.00070"  # tree order intact at the end


def test_later_updates_and_rebuilds_stay_one_transaction(tmp_path: Path) -> None:
    root = _blog(tmp_path / "posts", 30)
    library = Library(root, tmp_path / "index.sqlite3")
    library.update()
    batches: list[int] = []
    library.update(rebuild=True, on_batch=batches.append)
    _blog(tmp_path / "posts", 45)
    library.update(on_batch=batches.append)
    assert batches == []  # only a first index shows itself part by part


def test_the_batches_grow_up_to_a_thousand_posts() -> None:
    assert sorted(indexer._batch_ends(1000)) == [10, 50, 210, 850]
    assert sorted(indexer._batch_ends(4000)) == [10, 50, 210, 850, 1850, 2850, 3850]
    assert indexer._batch_ends(10) == set()


def test_worker_processes_index_exactly_what_one_thread_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "posts"
    for day in range(1, 46):
        write_digest(
            root,
            "3DGS" if day % 2 else "说话人",
            f"2024-{1 + day // 28:02d}-{1 + day % 28:02d} {day % 24:02d}:00:00",
            [entry(title=f"P{day} 高斯溅射", arxiv=f"2402.{day:05d}", summary=f"三维重建 {day}")],
        )
    pooled: list[int] = []
    original = reading._pooled

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        pooled.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_pooled", counting)
    monkeypatch.setattr(reading, "POOL_CORES", 2)  # this machine may have only two
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    by_pool = Library(root, tmp_path / "pool.sqlite3")
    by_pool.update()
    monkeypatch.setattr(reading, "POOL_MIN", 10**9)
    by_thread = Library(root, tmp_path / "thread.sqlite3")
    by_thread.update()

    assert pooled == [1]
    rows = (
        "SELECT p.path, e.idx, e.paper_id, e.title, e.summary FROM entries e JOIN posts p"
        " ON p.id = e.post_id ORDER BY p.path, e.idx"
    )
    assert by_pool.conn.execute(rows).fetchall() == by_thread.conn.execute(rows).fetchall()
    assert by_pool.counts().entries == 45
    for query in ("高斯", "重建", "P1", '"三维重建 7"'):
        found = by_pool.search(query)  # equal scores: the order of ties may differ
        assert found and sorted(found) == sorted(by_thread.search(query)), query


def test_an_update_does_not_wait_for_another_process_indexing(tmp_path: Path) -> None:
    from readerapp.filelock import exclusive

    root = _blog(tmp_path / "posts", 3)
    library = Library(root, tmp_path / "index.sqlite3")
    with exclusive(library.lock_path):  # as the window would, indexing a large library
        report = library.update()
    assert report.busy and not report.touched and library.counts().posts == 0
    assert library.update().added == 3  # free again: the next update reads them
