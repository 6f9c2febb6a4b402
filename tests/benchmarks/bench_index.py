"""Index and search benchmark (run by hand; it reports figures, it asserts nothing).

    .venv/bin/python tests/benchmarks/bench_index.py --copies 10    # 310 posts (issue 13)
    .venv/bin/python tests/benchmarks/bench_index.py --copies 683   # about 250,000 entries

Reports: cold index of the real corpus, warm re-index (and how many posts it parsed), and for a
synthetic library of the corpus copied N times: cold index (with its progress), warm index,
search latency over a query set (ranked top 100; counting every match; all matching papers),
the size of the index files and peak memory of this process and of its worker processes.

The full-text engine was chosen by measurement (2 cores, corpus x10 = 3,660 entries, and
x68 = 248,880 entries, same analyzers; FTS5 with the Python bigram pass of the time before):
- SQLite FTS5, CJK bigrams: indexing 4.9 s single-threaded for x10 (+3.2 s of Python to make
  the bigrams), 28 MB of index; ranked top 100 at 250,000 entries p95 231 ms (issue 13's figure).
- tantivy, CJK unigrams (each character a token, CJK queries as phrases): x68 indexed in 129 s,
  729 MB; but common two-character queries are phrases over huge posting lists: ranked p95
  126 ms (方法 127 ms).
- tantivy, CJK bigrams (chosen): x68 in 203 s, 819 MB (all positions kept); ranked median 5 ms,
  p95 52 ms (扩散模型, a three-bigram phrase); counting p95 50 ms.
- tantivy's regex tokenizer (CJK split in Rust, no Python pass) cost 6.7 s of CPU for x10
  against 1.6 s for the simple tokenizer on prepared text: the bigrams are made in Python, by
  array operations (numpy) over all texts of a post at once.
- Stemming the mostly Chinese fields took a third of tantivy's time for nothing; only title,
  authors and abstract are stemmed.
- Worker processes for parsing: on 2 cores slower (5.6 s, 9.9 s of CPU for x10) than one
  parsing thread (5.4 s, 8.9 s of CPU), as tantivy's threads fill the second core; used from
  4 cores up. One tantivy thread on 2 cores (the other is the parser's): x10 in 4.1 s instead
  of 5.0 s, x200 in 84 s instead of 91 s.
- A larger SQLite page cache (128 MB) or tantivy heap (200 MB) changed nothing (x200: 95 s,
  96 s); the rate varies with the size of the posts of each day, not with commits or merges.
- Memory (x683): batches of a first index that grew to 13,650 posts and a 64 MB writer heap
  peaked at 415 MB of private memory; batches of at most 1,000 posts and a 32 MB heap at
  269 MB, and the cold index took 303 s instead of 340 s.
- tantivy's lower-case and ASCII-folding filters looked up every character of every CJK bigram:
  1.0-1.2 s of tantivy's 3.5 s for x10. The text is folded in Python instead (fold.py: str.lower
  and one scan for what folds, 0.3 s) and tantivy's CJK analyzer only splits: 2.3-2.5 s. Bigrams
  written as ASCII tokens then gain nothing (2.44 s against 2.47 s).
- With tantivy lighter, the cold index of x10 is bound by Python (the GIL): parsing 1.4-1.6 s,
  bigrams 0.6-0.8 s, folding 0.35 s, rows 0.4 s, the writer's inserts 0.7 s; without any text
  index at all it takes as long (3.95 s against 4.0 s). Parsing in worker processes still
  loses on 2 cores (4.2-4.4 s with one or two workers): tantivy, starved, then makes every
  commit wait (2.3 s of commits against 0.8 s).
- zstd (level 3) instead of zlib for the analyses: written in 0.175 s against 0.396 s, read in
  0.072 s against 0.123 s, 2% larger. A zstd dictionary trained on the library's first
  analyses would make them 25% smaller (fair test: trained on 100 entries of the corpus,
  measured on the other 266); not done.
- The index's size (x683, budget 1.5 GB): 2,104 MB (SQLite 1,352 + text 752) -> 1,374 MB
  (SQLite 622). The analyses are no longer kept (the posts hold them): each entry's place in
  its post is, and the paper's page reads its analysis from there (0.36 ms; a paper with it
  0.76 ms against 0.12 ms without, at x10). 16 KB pages instead of 4 KB (a 3 KB row left a
  third of each page unused), abstracts and takeaways by zstd. x10: 20.9 MB -> 9.8 MB.
- The cold index at x10 3.9-4.2 s -> 3.3-3.5 s: nothing compressed for the analyses (0.2 s),
  foldable characters found by a numpy table instead of a regular expression's scan (0.34 s
  -> 0.17 s), one JSON encoder and one zstd context for every row instead of one per call
  (0.08 s), the index never synced to the disk (a first index's last checkpoint 78 ms -> 7 ms).
  Measured, not taken: commits every 8 or 30 times more posts instead of 4 (no faster); one
  parsing process on 2 cores (3.8-4.0 s against 3.6-3.7 s in the same minutes).
- Measured, not taken: the analysis indexed without positions (its words matched in any
  order) halves the text index (x10 16.5 MB -> 8.4 MB), but on the corpus 7 of 43 queries then
  found more (文本到3D: 5 entries -> 16) and 13 of 43 top tens changed.
- Ranked search lists the entries that match in the fields read first (all but the analysis)
  before those that match only with their analysis, and searches the second part only when
  the first does not fill the page: 扩散模型 at x100 9.2-9.7 ms -> 5.3-5.4 ms, the others the same.
- Memory (x683): private memory at the searches' peak was 242-342 MB in three runs, though
  the searches alone, on a fresh process over the same index, peak at 64 MB: it was what the
  indexing had freed and glibc's per-thread arenas kept. Given back after each commit
  (heap.py, malloc_trim, 0.4-9 ms a call): the run's peak 193 and 197 MB in two runs, the
  indexing's own.
- Measured, not taken: the front matter's YAML is 0.43 ms a post with libyaml (its Python
  constructor, 43 values a post of the digests), 0.13 s of x10; a parser of our own for the
  common shapes would need to match YAML 1.1's implicit types exactly. The bigrams written by
  one scatter into a spare slot instead of a masked one: no faster (0.50 s against 0.49 s).
- The floor of this design on 2 cores: tantivy alone takes 2.45 s of one core for the 6 million
  tokens of x10 (0.7 s would need 8.6 million tokens a second), and reading the posts 2.8 s of
  Python on the other; 0.7 s needs the parser and the bigrams out of Python and far fewer
  tokens to index.
- The floor, each part alone (bench_index_floor.py --copies 10): reading 2.67 s of Python,
  the text index 2.79 s of one tantivy thread, for 6.3 million tokens; the cold index of
  both at once 3.48 s.
- What tantivy's time is (x10's prepared fields, one writer thread, perf): putting each token
  into the segment's term table (`subscribe`, 43% of the samples), not the positions: the
  analysis indexed with positions 2.67 s, with frequencies only 3.00 s, with documents only
  2.74 s. Synthetic English (the same 6.3 million tokens over 50,000 words) takes 3.5-3.9 s:
  about 0.5 us a token on this machine, whatever the text. A larger writer heap (64-400 MB)
  changes nothing beyond the noise (2.1-3.0 s); two threads with the 32 MB heap split between
  them flush 21 segments and merge them (9.3 s of CPU). The timeline of a cold x10 (3.6 s):
  the reading thread finishes at 3.6 s, tantivy's last commit then takes 0.6 s more.
- The parser compiled to C by mypyc (the digest modules, the front matter's YAML loader left
  out: mypyc's subclass of libyaml's crashed): parsing x10 1.61 s -> 1.19-1.23 s, all the
  reading thread's work 2.76 s -> 2.19-2.30 s (best of 5, alternated twice); but the cold
  index of x10 only 3.9-4.1 s against 4.2-4.3 s (alternated three times), as tantivy is then
  what the run waits for. Not taken: a C compiler at every install for 5%.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from readerapp.library import reading
from readerapp.library.library import Library
from readerapp.library.tree import Tree, View
from readerapp.store import StateStore
from tests.benchmarks.synthetic import build
from tests.helpers import CORPUS

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


class _PrivateMemory:
    """The peak of this process's private memory (RssAnon), sampled: ru_maxrss also counts
    pages of files mapped into memory, which the system takes back whenever it needs them."""

    def __init__(self) -> None:
        self.peak = 0.0
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("RssAnon:"):
                        self.peak = max(self.peak, int(line.split()[1]) / 1024)
            time.sleep(0.1)


# Issue 13's budgets (the cold index's for the two library sizes it names, the index's size for
# corpus x683).
COLD_BUDGET_S = {10: 0.7, 683: 90.0}
FIRST_PAPERS_BUDGET_S = 1.0
PRIVATE_MEMORY_BUDGET_MB = 300
RANKED_P95_BUDGET_MS = 30
COUNT_P95_BUDGET_MS = 100
INDEX_BUDGET_BYTES = 1.5e9


def _budget(value: float, budget: float, unit: str) -> str:
    return f"(budget {budget:g} {unit}: {'met' if value <= budget else 'OVER'})"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(values: list[float], budget_ms: float | None = None) -> str:
    p95 = _p95(values) * 1000
    text = f"median {statistics.median(values) * 1000:6.1f} ms, p95 {p95:6.1f} ms"
    return text if budget_ms is None else f"{text} {_budget(p95, budget_ms, 'ms')}"


def _parse_counter() -> list[str]:
    seen: list[str] = []
    original = reading.parse_post

    def counting(data: bytes, path: str):
        seen.append(path)
        return original(data, path)

    reading.parse_post = counting  # type: ignore[assignment]
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


def _progress(started: float, total_posts: int) -> Callable[[int, int], None]:
    """Print the cold index's progress (posts read, entries/s) every tenth of the library."""
    step = max(1, total_posts // 10)

    def report(done: int, total: int) -> None:
        if done % step == 0 or done == total:
            print(f"  ... {done}/{total} posts after {time.perf_counter() - started:.1f} s")

    return report


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_synthetic(work: Path, copies: int, private: _PrivateMemory) -> None:
    root = work / "library"
    started = time.perf_counter()
    posts = build(CORPUS, root, copies)
    print(
        f"synthetic library: {copies} copies, {posts} posts, built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    library = Library(root, work / "big.sqlite3")
    first_batch: list[float] = []
    library.update(
        _progress(started, posts),
        on_batch=lambda n: first_batch.append(time.perf_counter() - started) if n else None,
    )
    cold = time.perf_counter() - started
    counts = library.counts()
    if first_batch:
        print(
            f"first papers readable (first batch committed) after {first_batch[0]:.2f} s"
            f" {_budget(first_batch[0], FIRST_PAPERS_BUDGET_S, 's')}"
        )
    print(
        f"private memory (RssAnon) at most {private.peak:.0f} MB while indexing"
        f" {_budget(private.peak, PRIVATE_MEMORY_BUDGET_MB, 'MB')}"
    )
    budget = f" {_budget(cold, COLD_BUDGET_S[copies], 's')}" if copies in COLD_BUDGET_S else ""
    print(
        f"cold index: {cold:.1f} s for {counts.posts} posts, {counts.entries} entries, "
        f"{counts.papers} papers ({counts.entries / cold:.0f} entries/s){budget}"
    )
    started = time.perf_counter()
    report = Library(root, work / "big.sqlite3").update()
    print(
        f"warm re-index: {time.perf_counter() - started:.3f} s "
        f"(unchanged {report.unchanged}, read {report.added + report.changed})"
    )
    ranked: list[float] = []
    counted: list[float] = []
    unranked: list[float] = []
    for query in QUERIES:
        ranked_here = []
        for _ in range(3):
            started = time.perf_counter()
            hits = library.matching_ids(query)
            unranked.append(time.perf_counter() - started)
            started = time.perf_counter()
            matches = library.count_matching(query)
            counted.append(time.perf_counter() - started)
            started = time.perf_counter()
            library.search(query, limit=100)
            ranked_here.append(time.perf_counter() - started)
        ranked += ranked_here
        print(
            f"  {query!r:26} {len(hits):7} papers {matches:7} entries;"
            f" top 100 in {statistics.median(ranked_here) * 1000:5.1f} ms"
        )
    print(f"search, ranked top 100:                 {_ms(ranked, RANKED_P95_BUDGET_MS)}")
    print(f"search, count every matching entry:     {_ms(counted, COUNT_P95_BUDGET_MS)}")
    print(f"search, all matching papers (unranked): {_ms(unranked)}")
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
    scale = copies == 683  # the size the issue gives the index's budget for
    sqlite = (work / "big.sqlite3").stat().st_size
    text = _folder_size(work / "big.search")
    print(
        f"index size: {(sqlite + text) / 2**20:.0f} MB (SQLite {sqlite / 2**20:.0f} MB,"
        f" full text {text / 2**20:.0f} MB)"
        + (f" {_budget((sqlite + text) / 1e9, INDEX_BUDGET_BYTES / 1e9, 'GB')}" if scale else "")
    )


def main() -> None:  # a `__main__` guard: worker processes import this file
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    private = _PrivateMemory()
    work = Path(tempfile.mkdtemp(prefix="readerapp-bench-"))
    try:
        bench_corpus(work, args.runs)
        if args.copies:
            bench_synthetic(work, args.copies, private)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak memory: RSS {peak:.0f} MB (it counts the index files the text index maps, which"
        f" the system takes back at need); private (RssAnon) {private.peak:.0f} MB"
        f" {_budget(private.peak, PRIVATE_MEMORY_BUDGET_MB, 'MB')};"
        f" largest worker process: {workers:.0f} MB"
    )


if __name__ == "__main__":
    main()
