"""A library never indexed, opened in the window: how long until the first paper is on screen,
and until the whole library is indexed (issue 13: "readable at once", within 1 s); and the same
library listed by `readerapp papers` in a new process: its first line, and its last.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_first_index.py [--copies 100]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from readerapp.session import Session  # noqa: E402
from readerapp.ui.app import make_app  # noqa: E402
from readerapp.ui.main_window import MainWindow  # noqa: E402
from tests.benchmarks.synthetic import build  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="corpus copies (31 posts each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "posts"
        posts = build(CORPUS, library, args.copies)
        app = make_app()
        session = Session.start(Path(tmp) / "data")
        session.settings.set("auto_fetch_images", False)
        started = time.perf_counter()
        window = MainWindow(session, library)
        window.show()
        shown = None
        while window.runner.running("index") or shown is None:
            app.processEvents()
            if shown is None and window.current_paper_id() is not None:
                shown = time.perf_counter() - started
            time.sleep(0.002)
            if time.perf_counter() - started > 600:
                break
        done = time.perf_counter() - started
        print(
            f"{posts} posts never indexed: first paper on screen after {shown or 0:.2f} s"
            f" (budget 1 s), whole library indexed after {done:.1f} s"
        )
        window.close()
        print(_command_line(library, Path(tmp) / "data-cli", posts))
    return 0


def _command_line(library: Path, data: Path, posts: int) -> str:
    env = {**os.environ, "READERAPP_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "readerapp", "--library", str(library), "papers"]
    started = time.perf_counter()
    first = None
    lines = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True) as process:
        assert process.stdout is not None
        for _ in process.stdout:
            lines += 1
            first = first or time.perf_counter() - started
    return (
        f"`readerapp papers`, {posts} posts never indexed: first line after {first or 0:.2f} s,"
        f" all {lines} lines after {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
