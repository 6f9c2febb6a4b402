"""The floor of a cold index (run by hand; it reports figures, it asserts nothing).

    .venv/bin/python tests/benchmarks/bench_index_floor.py --copies 10

For the corpus copied N times, each part of a cold index alone, best of --runs:
- reading: what the reading thread does, in Python (parse, the index's text, the rows), on
  posts already in memory;
- the text index alone: tantivy given the prepared fields of every entry, one writer thread
  as the indexer uses on 2 cores, to its commit;
- the cold index as `readerapp index` does it (both at once, on the two cores).

The two parts run side by side, so a cold index cannot take less than the larger of them: on
2 cores the budget of 0.7 s for x10 is below both (figures in bench_index.py's docstring).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from readerapp.digest.parser import parse_post
from readerapp.library import reading
from readerapp.library.library import Library
from readerapp.library.textindex import TextIndex
from tests.benchmarks.synthetic import build
from tests.helpers import CORPUS

COLD_BUDGET_X10_S = 0.7


def _read(files: list[tuple[str, bytes]]) -> list[reading.Fields]:
    fields: list[reading.Fields] = []
    for path, data in files:
        result = parse_post(data, path)
        entries = result.post.entries if result.post else []
        plain = [
            reading.plain_fields(e.title, e.authors, e.abstract, e.summary, e.takeaways, e.analysis)
            for e in entries
        ]
        fields += reading.index_fields(plain)
        for e in entries:
            reading.entry_values(e)  # the rows, made and dropped
    return fields


def _index(folder: Path, fields: list[reading.Fields]) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    writer = TextIndex(folder).writer()
    started = time.perf_counter()
    for entry_id, texts in enumerate(fields, 1):
        writer.add(entry_id, texts)
    writer.commit()
    writer.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="readerapp-bench-floor-"))
    try:
        root = work / "library"
        posts = build(CORPUS, root, args.copies)
        files = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in root.rglob("*.md")]
        reading_s, fields = 1e9, []
        for _ in range(args.runs):
            started = time.process_time()
            fields = _read(files)
            reading_s = min(reading_s, time.process_time() - started)
        tokens = sum(len(text.split()) for texts in fields for text in texts)
        text_s = min(_index(work / "text", fields) for _ in range(args.runs))
        cold_s = 1e9
        for run in range(args.runs):
            started = time.perf_counter()
            Library(root, work / f"index-{run}" / "index.sqlite3").update()
            cold_s = min(cold_s, time.perf_counter() - started)
        print(f"corpus x{args.copies}: {posts} posts, {len(fields)} entries, {tokens:,} tokens")
        print(f"reading alone (Python, one core):          {reading_s:.2f} s")
        print(f"text index alone (tantivy, one thread):    {text_s:.2f} s")
        print(f"cold index (both at once, {os.cpu_count()} cores):         {cold_s:.2f} s")
        if args.copies == 10:
            floor = max(reading_s, text_s)
            print(f"floor {floor:.2f} s against the budget of {COLD_BUDGET_X10_S} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
