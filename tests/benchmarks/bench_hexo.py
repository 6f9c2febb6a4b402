"""Side by side with hexo (issue 13): `hexo generate`, the user's alternative, against a cold
`readerapp index` of the same posts (budget: readerapp at most a quarter of hexo's time).

    .venv/bin/python tests/benchmarks/bench_hexo.py [--copies 10] [--runs 3] [--site DIR]

hexo comes from the npm registry: without --site, a site is made in a temporary folder and
`npm install` fetches hexo 7 with its Markdown and EJS renderers, its index, archive, category
and tag generators and the landscape theme (about 30 s). The posts are the corpus copied N
times (synthetic.py), the same files for both. Each run of hexo is `hexo clean` then `hexo
generate` (its build from nothing); each run of readerapp is `readerapp index` in a new process
with a new data folder. Reports the median of the runs and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.synthetic import build  # noqa: E402
from tests.helpers import CORPUS  # noqa: E402

PACKAGES = [
    "hexo@7",
    "hexo-renderer-marked",
    "hexo-renderer-ejs",
    "hexo-renderer-stylus",
    "hexo-generator-index",
    "hexo-generator-archive",
    "hexo-generator-category",
    "hexo-generator-tag",
    "hexo-theme-landscape",
]
CONFIG = "title: bench\nurl: http://example.com\ntheme: landscape\nper_page: 10\n"


def make_site(site: Path) -> None:
    site.mkdir(parents=True, exist_ok=True)
    if (site / "node_modules" / ".bin" / "hexo").exists():
        return
    package = {"name": "readerapp-bench-site", "private": True, "hexo": {"version": "7.3.0"}}
    (site / "package.json").write_text(json.dumps(package), encoding="utf-8")
    (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", *PACKAGES],
        cwd=site,
        check=True,
    )


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a hexo site made by an earlier run")
    args = parser.parse_args()
    if shutil.which("npm") is None:
        print("npm not found: hexo cannot be installed here", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        make_site(site)
        posts = site / "source" / "_posts"
        shutil.rmtree(posts, ignore_errors=True)
        count = build(CORPUS, posts, args.copies)
        hexo = str(site / "node_modules" / ".bin" / "hexo")
        hexo_times = []
        for _ in range(args.runs):
            subprocess.run([hexo, "clean"], cwd=site, check=True, stdout=subprocess.DEVNULL)
            hexo_times.append(timed([hexo, "generate"], cwd=site))
        ours = []
        for run in range(args.runs):
            env = {**os.environ, "READERAPP_DATA_DIR": f"{tmp}/data-{run}"}
            command = [sys.executable, "-m", "readerapp", "--library", str(posts), "index"]
            ours.append(timed(command, env=env))
        theirs, mine = statistics.median(hexo_times), statistics.median(ours)
        print(f"{count} posts: hexo generate {theirs:.2f} s, readerapp index (cold) {mine:.2f} s")
        print(f"readerapp takes {mine / theirs:.2f} of hexo's time (budget: 0.25 or less)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
