"""Index and search benchmark (run by hand; it reports figures, it asserts nothing).

    .venv/bin/python tests/benchmarks/bench_index.py                # corpus + 100 copies
    .venv/bin/python tests/benchmarks/bench_index.py --copies 683   # about 250,000 entries

Reports: cold index of the real corpus, warm re-index (and how many posts it parsed), and for a
synthetic library of the corpus copied N times: cold and warm index, search latency (median and
p95, ranked and unranked) over a query set, and peak memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from readerapp.library import indexer
from readerapp.library.library import Library
from readerapp.library.tree import Tree, View
from readerapp.store import StateStore
from tests.benchmarks.synthetic import build

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "posts"
QUERIES = [
    "gaussian",
    "splat",
    "nerf",
    "talking head",
    '"novel view synthesis"',
    "diffusion model",
    "author:Nießner",
    "Zhang",
    "avatar -nerf",
    "高斯",
    "说话人",
    "三维重建",
    "方法",
    "扩散模型",
    "3DGS 高斯",
]


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def _parse_counter() -> list[str]:
    seen: list[str] = []
    original = indexer.parse_post

    def counting(data: bytes, path: str):
        seen.append(path)
        return original(data, path)

    indexer.parse_post = counting  # type: ignore[assignment]
    return seen


def bench_corpus(work: Path, runs: int) -> None:
    times = []
    for run in range(runs):
        index = work / f"corpus-{run}.sqlite3"
        started = time.perf_counter()
        library = Library(CORPUS, index)
        library.update()
        times.append(time.perf_counter() - started)
        library.close()
    print(
        f"corpus cold index ({runs} runs): min {min(times):.3f} s, median "
        f"{statistics.median(times):.3f} s"
    )
    parsed = _parse_counter()
    started = time.perf_counter()
    library = Library(CORPUS, work / "corpus-0.sqlite3")
    report = library.update()
    print(
        f"corpus warm re-index: {time.perf_counter() - started:.4f} s, posts parsed: "
        f"{len(parsed)}, unchanged: {report.unchanged}"
    )


def bench_synthetic(work: Path, copies: int) -> None:
    root = work / "library"
    started = time.perf_counter()
    posts = build(CORPUS, root, copies)
    print(
        f"synthetic library: {copies} copies, {posts} posts, built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    library = Library(root, work / "big.sqlite3")
    library.update()
    cold = time.perf_counter() - started
    counts = library.counts()
    print(
        f"cold index: {cold:.1f} s for {counts.posts} posts, {counts.entries} entries, "
        f"{counts.papers} papers ({counts.entries / cold:.0f} entries/s)"
    )
    started = time.perf_counter()
    report = Library(root, work / "big.sqlite3").update()
    print(
        f"warm re-index: {time.perf_counter() - started:.3f} s "
        f"(unchanged {report.unchanged}, read {report.added + report.changed})"
    )
    ranked: list[float] = []
    unranked: list[float] = []
    for query in QUERIES:
        for _ in range(3):
            started = time.perf_counter()
            hits = library.matching_ids(query)
            unranked.append(time.perf_counter() - started)
            started = time.perf_counter()
            library.search(query, limit=100)
            ranked.append(time.perf_counter() - started)
        print(f"  {query!r:26} {len(hits):7} papers")
    print(f"search, all matching papers (unranked): {_ms(unranked)}")
    print(f"search, ranked top 100:                 {_ms(ranked)}")
    state = StateStore(work / "state" / "state.sqlite3", work / "state" / "backups")
    tree = Tree(library, state.path)
    filtered = []
    for query in QUERIES:
        started = time.perf_counter()
        tree.topics(View(query=query))
        filtered.append(time.perf_counter() - started)
    print(
        f"tree filtered by a search, with counts (background in large libraries): {_ms(filtered)}"
    )
    size = (work / "big.sqlite3").stat().st_size / 2**20
    print(f"index size: {size:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    work = Path(tempfile.mkdtemp(prefix="readerapp-bench-"))
    try:
        bench_corpus(work, args.runs)
        if args.copies:
            bench_synthetic(work, args.copies)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
