"""A hostile but fair pass: mutate real posts and push each mutant, next to an intact post,
through parse, index, search, render and BibTeX export. Prints how many mutants broke something.

    .venv/bin/python tests/benchmarks/bench_mutants.py [--mutants 2500] [--seed 1]

A mutant "fails" when any step raises, takes longer than --limit seconds, or the intact post next
to it is not indexed whole. Each mutant runs in a worker process so a hang cannot stop the pass.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.helpers import CORPUS  # noqa: E402

HOSTILE_LINES = [
    "date: 0000-00-00",
    "date: 2024-02-30",
    "date: 2024-01-01 25:00:00",
    "title: &x [*x]",
    "tags: " + "[" * 1000 + "]" * 1000,
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e]\ntags: [*f,*f,*f,*f,*f,*f,*f,*f]",
    "- a list\n- as front matter",
]
HOSTILE_BODY = [
    "[PDF](http://arxiv.org/abs/2401.12345v99999999999999999999)",
    "a<b " * 50_000,
    "**Authors:**" + " " * 20_000,
    "<details>" + "<img " * 5_000 + "</details>",
    "\n".join("  " * depth + "- item" for depth in range(500)),
    "**x** " * 20_000,
    "[" * 20_000,
    "## Title with a NUL \x00 in it",
    "$\\input{/etc/passwd}$ and { unbalanced",
    '<img src="/etc/passwd"> <img src="../../../../etc/hostname">',
]


def mutate(text: str, rng: random.Random) -> bytes:
    lines = text.split("\n")
    kind = rng.randrange(9)
    if kind == 0:  # truncated anywhere
        return text[: rng.randrange(len(text) + 1)].encode()
    if kind == 1:  # lines deleted
        for _ in range(rng.randint(1, 20)):
            if lines:
                del lines[rng.randrange(len(lines))]
    elif kind == 2:  # lines duplicated
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
    elif kind == 3:  # random bytes
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    elif kind == 4:  # a hostile front matter line
        lines.insert(1 + rng.randrange(3), rng.choice(HOSTILE_LINES))
    elif kind in (5, 6):  # a hostile body line
        lines.insert(rng.randrange(len(lines)), rng.choice(HOSTILE_BODY))
    elif kind == 7:  # a huge line
        lines.insert(rng.randrange(len(lines)), rng.choice(lines) * rng.randint(100, 2000))
    else:  # the front matter as a list
        return ("---\n- a\n- b\n---\n" + text).encode()
    return "\n".join(lines).encode(errors="surrogatepass")


def check(args: tuple[bytes, str]) -> str:
    """Everything a user does with a library holding this mutant: returns "" or what broke."""
    data, intact_text = args
    from readerapp.export.formats import bibliography
    from readerapp.library.library import Library
    from readerapp.render import RenderContext, render_paper

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "posts"
        root.mkdir()
        (root / "a-mutant.md").write_bytes(data)
        (root / "z-intact.md").write_text(intact_text, encoding="utf-8")
        library = Library(root, Path(tmp) / "index.sqlite3")
        try:
            library.update()
            intact = library.conn.execute(
                "SELECT n_entries FROM posts WHERE path = 'z-intact.md' AND skipped = 0"
            ).fetchone()
            if intact is None or intact[0] == 0:
                return "intact post lost"
            ids = library.paper_ids()
            library.search("gaussian splatting " * 3)
            papers = library.papers(ids)
            context = RenderContext(library_root=root)
            for paper in papers:
                render_paper(paper, None, context)
            bibliography(papers)
        finally:
            library.close()
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per mutant")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    posts = sorted(CORPUS.rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in posts]
    intact = next(t for t in texts if t.count("[PDF]") >= 3)
    rng = random.Random(args.seed)
    jobs = [(mutate(rng.choice(texts), rng), intact) for _ in range(args.mutants)]

    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    pool = multiprocessing.Pool(2, maxtasksperchild=50)
    pending = [pool.apply_async(check, (job,)) for job in jobs]
    for i, result in enumerate(pending):
        try:
            outcome = result.get(timeout=args.limit)
        except multiprocessing.TimeoutError:
            outcome = f"over {args.limit:.0f} s"
            pool.terminate()
            pool = multiprocessing.Pool(2, maxtasksperchild=50)
            pending[i + 1 :] = [pool.apply_async(check, (job,)) for job in jobs[i + 1 :]]
        except Exception as error:
            outcome = f"{type(error).__name__}: {str(error)[:80]}"
        outcomes[outcome or "ok"] += 1
    pool.terminate()
    seconds = time.perf_counter() - started
    failed = args.mutants - outcomes["ok"]
    print(f"{args.mutants} mutants of {len(posts)} real posts in {seconds:.0f} s: {failed} failed")
    for outcome, count in outcomes.most_common():
        if outcome != "ok":
            print(f"  {count:5d}  {outcome}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
