"""Warm command line: each command's wall time against Python's own start-up.

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 15]

Budget (DESIGN.md, issue 13): a warm command costs Python's start-up plus at most 60 ms. The
library is the corpus, indexed once first, so `index` and `papers` only stat the posts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.helpers import CORPUS  # noqa: E402

BUDGET_MS = 60.0


def timed(argv: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time in ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    python = sys.executable
    readerapp = [python, "-m", "readerapp"]
    with tempfile.TemporaryDirectory() as tmp:
        # As an installed app runs: from compiled bytecode (some shells set
        # PYTHONDONTWRITEBYTECODE, which makes every start compile every module again).
        env = {**os.environ, "READERAPP_DATA_DIR": tmp, "PYTHONPYCACHEPREFIX": f"{tmp}/pyc"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([*readerapp, "--library", str(CORPUS), "index"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        commands = {
            "--version": ["--version"],
            "index (warm)": ["index"],
            "papers": ["papers"],
            "papers --json": ["papers", "--json"],
            "papers --query": ["papers", "--query", "gaussian avatar"],
            "show": ["show", "2401.11535"],
        }
        # Rounds, each Python's own start then every command once: the machine's drift (other
        # tenants, clock speed) moves the start-up and the command alike, and their difference
        # in the same round is what the command adds.
        base = [python, "-c", "import runpy"]  # what `python -m` itself loads
        starts: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            start = timed(base, env, 1)
            starts.append(start)
            for name, extra in commands.items():
                times[name].append(timed([*readerapp, *extra], env, 1) - start)
        start = statistics.median(starts)
        print(f"python start-up: {start:.0f} ms (budget per command: {start + BUDGET_MS:.0f} ms)")
        failed = 0
        for name, deltas in times.items():
            over = statistics.median(deltas)
            verdict = "ok" if over <= BUDGET_MS else "OVER BUDGET"
            failed += over > BUDGET_MS
            print(f"{name:16s} {start + over:6.0f} ms  (+{over:.0f} ms over start-up)  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
