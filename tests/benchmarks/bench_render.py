"""Time rendering every paper of the corpus to the viewer's HTML (no Qt: the core renderer).

    .venv/bin/python tests/benchmarks/bench_render.py

Budget (DESIGN.md): one paper < 30 ms. Decision kept here: markdown-it-py replaced
Python-Markdown (same corpus, same machine: median 5.3 → 2.5 ms, max 13.7 → 8.0 ms), and it is
linear on hostile input where Python-Markdown took minutes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from readerapp.library.library import Library  # noqa: E402
from readerapp.render import RenderContext, render_paper  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        library = Library(CORPUS, Path(tmp) / "index.sqlite3")
        library.update()
        papers = library.papers(library.paper_ids())
        context = RenderContext(library_root=library.root)
        times = []
        for paper in papers:
            started = time.perf_counter()
            render_paper(paper, None, context)
            times.append((time.perf_counter() - started) * 1000)
        library.close()
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"render {len(times)} papers: median {statistics.median(times):.2f} ms,"
        f" p95 {p95:.2f} ms, max {times[-1]:.2f} ms (budget 30 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
