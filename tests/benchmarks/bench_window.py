"""Window benchmark (run by hand; it reports figures, it asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_window.py [--copies 100]

Measures, on the real corpus and on a synthetic library (the corpus copied N times):
- time to window: from creating the application to the first paint with a paper shown
  (index already up to date, as on every start but the first);
- time per `j` while reading: key press to the frame that shows the next paper's first screen
  (its layout and paint), after the window had a moment (not counted) to do what it does
  between keys: lay out the rest of the paper (the analysis, 120 ms after the first screen),
  render the neighbours (30 ms after), and mark the paper read (right after the frame) -- as
  when a reader looks at each paper (median, p95, max); and to that work after the frame;
- time per `j` while skimming (j held down, no pause): each step renders its paper itself;
- `k` to the whole paper laid out (first screen, then the rest at once);
- the slowest single step the UI thread took while walking (anything > 50 ms is a stutter).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from readerapp.library.library import Library
from readerapp.paths import Locations
from readerapp.render import render_paper
from readerapp.session import Session
from readerapp.ui.app import make_app
from readerapp.ui.main_window import MainWindow
from readerapp.ui.viewer import REST_DELAY_MS
from tests.benchmarks.synthetic import build
from tests.helpers import CORPUS


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered) * 1000:5.1f} ms, p95 {p95 * 1000:5.1f} ms,"
        f" max {ordered[-1] * 1000:5.1f} ms"
    )


def bench(label: str, root: Path, data: Path, steps: int) -> None:
    locations = Locations.resolve(data)
    Library(root, locations.index_path(root)).update()  # warm index, as on a normal start
    app = make_app()
    started = time.perf_counter()
    window = MainWindow(Session.start(data), root, start_indexing=False)
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.grab()  # forces a full paint
    to_window = time.perf_counter() - started
    print(
        f"[{label}] time to window (warm index): {to_window * 1000:.0f} ms;"
        f" {window.counts_label.text()}"
    )

    def walk(key: Qt.Key, *, pause: bool = False, whole: bool = False) -> list[float]:
        """Each press of `key` to the frame that shows its paper: after a pause (not counted)
        in which the window does its idle work, or pressed again at once. The frame is what
        the posted events (layout, paint) make; timers due at once (the read mark) run after
        it and are counted in `idle`. With `whole`, to the rest of the paper laid out."""
        times = []
        for _ in range(steps):
            if pause:
                QTest.qWait(REST_DELAY_MS + 30)  # the reader looks at the paper
            started = time.perf_counter()
            QTest.keyClick(window.view, key)
            app.sendPostedEvents()  # the frame: its layout and paint, no timer yet
            if whole:
                window.viewer.complete()
                app.sendPostedEvents()
            times.append(time.perf_counter() - started)
            app.processEvents()  # then what runs right after the frame
            idle.append(time.perf_counter() - started)
        return times

    # Reading and skimming each walk papers not yet shown (the corpus has 336 papers: at its
    # end j does nothing, which once measured as 0.1 ms a step).
    steps = min(steps, len(window.library.paper_ids()) // 2)
    idle: list[float] = []
    reading = walk(Qt.Key.Key_J, pause=True)
    print(f"[{label}] j while reading, {steps} papers, to the frame: {_ms(reading)}")
    print(f"[{label}]   ... and to the work after the frame done: {_ms(idle)}")
    idle = []
    skimming = walk(Qt.Key.Key_J)
    print(f"[{label}] j while skimming, {steps} papers, to the frame: {_ms(skimming)}")
    whole = walk(Qt.Key.Key_K, whole=True)
    print(f"[{label}] k over {steps} papers, to the whole paper: {_ms(whole)}")
    times = reading + skimming
    renders = []
    for paper in window.library.papers(window.library.paper_ids()[:steps]):
        started = time.perf_counter()
        window.viewer.show_html(render_paper(paper, None, window.render_context()))
        window.viewer.complete()
        renders.append(time.perf_counter() - started)
    print(f"[{label}] render + lay out one paper in the viewer: {_ms(renders)}")
    stutters = sum(1 for t in times if t > 0.05)
    print(f"[{label}] steps over 50 ms: {stutters}")
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="readerapp-bench-window-"))
    try:
        bench("corpus", CORPUS, work / "data-corpus", args.steps)
        if args.copies:
            root = work / "library"
            posts = build(CORPUS, root, args.copies)
            print(f"synthetic library: {posts} posts")
            bench(f"{args.copies} copies", root, work / "data-big", args.steps)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
