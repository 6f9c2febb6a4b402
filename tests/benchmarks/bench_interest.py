"""Interest ranking and similar papers: quality on the real corpus and speed (issue 14).

    .venv/bin/python tests/benchmarks/bench_interest.py [--copies 683]

Quality: for each topic with at least 35 papers of its own, 10 trials of "star 15 papers of
the topic, mark 40 papers of other topics read": how many of the top 20 unread by interest are
of the topic (the issue asks >= 14); and how often the 10 papers most similar to a paper share
one of its topics (asked: >= 65%; a random paper shares one 19% of the time).
Speed: building the vectors, a refit after a star (corpus, and the corpus' vectors repeated to
`--copies` times as many papers), a `similar`, and `papers --sort interest` in a new process.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from readerapp.library.library import Library
from readerapp.rank import ranking, vectors

ROOT = Path(__file__).resolve().parents[2]
from tests.helpers import CORPUS  # noqa: E402


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def quality(library: Library, paper_vectors: vectors.PaperVectors) -> None:
    ids = library.paper_ids()
    topics = {p.id: {o.topic for o in p.posts} for p in library.papers(ids)}
    for topic in sorted({t for found in topics.values() for t in found}):
        members = [i for i in ids if topics[i] == {topic}]
        others = [i for i in ids if topic not in topics[i]]
        if len(members) < 35:
            continue
        rng = random.Random(1)
        hits, fits = [], []
        for _ in range(10):
            stars, read = set(rng.sample(members, 15)), set(rng.sample(others, 40))
            started = time.perf_counter()
            interest = ranking.fit(paper_vectors, stars)
            fits.append(time.perf_counter() - started)
            unread = [i for i in ids if i not in stars and i not in read]
            hits.append(sum(topic in topics[i] for i in interest.ranked(unread)[:20]))
        print(
            f"  {topic:28} top 20 of the topic: min {min(hits)}, mean {statistics.mean(hits):.1f}"
            f" (refit {_ms(fits)}); why: {', '.join(interest.why(interest.ranked(unread)[0]))}"
        )
    shared, times = [], []
    for paper_id in ids:
        started = time.perf_counter()
        found = ranking.similar(paper_vectors, paper_id, 10)
        times.append(time.perf_counter() - started)
        shared += [bool(topics[paper_id] & topics[i]) for i, _ in found]
    print(f"similar: a neighbour shares a topic {sum(shared) / len(shared):.0%} of the time")
    print(f"similar on the corpus: {_ms(times)}")


def at_scale(paper_vectors: vectors.PaperVectors, copies: int) -> None:
    """The corpus' rows repeated: the size of a 250,000-entry library, for timing only."""
    matrix = paper_vectors.matrix
    rows = np.tile(np.arange(matrix.count), copies)
    big = matrix.take(rows)
    ids = [f"{paper_id}#{n}" for n in range(copies) for paper_id in paper_vectors.ids]
    scaled = vectors.PaperVectors(ids, big, paper_vectors.terms, "")
    stars = set(random.Random(2).sample(ids, 200))
    started = time.perf_counter()
    ranking.fit(scaled, stars)
    print(f"refit at {len(ids):,} papers: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    scaled.by_term()
    print(f"papers by term at {len(ids):,} papers (once, in the background): "
          f"{time.perf_counter() - started:.2f} s")  # fmt: skip
    times = []
    for paper_id in random.Random(3).sample(ids, 20):
        started = time.perf_counter()
        ranking.similar(scaled, paper_id, 10)
        times.append(time.perf_counter() - started)
    print(f"similar at {len(ids):,} papers: {_ms(times)}")


def cold_process(library_root: Path) -> None:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "READERAPP_DATA_DIR": data, "PYTHONPYCACHEPREFIX": f"{data}/pyc"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = [sys.executable, "-m", "readerapp", "--library", str(library_root)]
        subprocess.run([*base, "index"], env=env, check=True, capture_output=True)
        subprocess.run([*base, "star", *library_ids(library_root)], env=env, check=True,
                       capture_output=True)  # fmt: skip
        for label in ("first (vectors built)", "next (vectors cached)"):
            started = time.perf_counter()
            subprocess.run([*base, "papers", "--sort", "interest"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            print(f"papers --sort interest, new process, {label}: "
                  f"{time.perf_counter() - started:.2f} s")  # fmt: skip


def library_ids(root: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(root, Path(tmp) / "i.sqlite3")
        library.update()
        return library.paper_ids()[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=683)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(CORPUS, Path(tmp) / "index.sqlite3")
        library.update()
        started = time.perf_counter()
        paper_vectors = vectors.build(library.conn)
        print(
            f"vectors of {len(paper_vectors.ids)} papers, {len(paper_vectors.terms)} terms:"
            f" built in {time.perf_counter() - started:.2f} s"
        )
        quality(library, paper_vectors)
        at_scale(paper_vectors, args.copies)
    cold_process(CORPUS)


if __name__ == "__main__":
    main()
