"""Git sources benchmark (issue 16; run by hand, it asserts nothing):

    .venv/bin/python tests/benchmarks/bench_sources.py

A blog repository holding the corpus' posts (and a theme folder) is served by `git daemon` on
127.0.0.1; the command line adds it as a source (a shallow, sparse clone, then the index),
pulls with nothing new, then pulls a commit of 10 new posts. Each step is a new process, as a
user runs it; the figures are wall-clock seconds."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers import CORPUS
from tests.sources.servers import Blog, git_daemon


def timed(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "readerapp", *args], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, (done.stdout + done.stderr).strip().splitlines()[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        blog = Blog(base)
        posts = blog.work / "source/_posts"
        shutil.copytree(CORPUS, posts)
        later = sorted(posts.rglob("*.md"))[-10:]
        held = base / "held"
        for n, path in enumerate(later):  # kept back for the second pull
            target = held / f"{n}" / path.relative_to(posts)
            target.parent.mkdir(parents=True)
            shutil.move(path, target)
        blog.commit("the blog")
        data = ["--data-dir", str(base / "data")]
        with git_daemon(blog.bare.parent) as url:
            seconds, said = timed(
                *data, "source", "add", f"{url}/blog.git", "--path", "source/_posts"
            )
            print(f"source add (clone + first index): {seconds:.2f} s   {said}")
            seconds, said = timed(*data, "pull")
            print(f"pull, nothing new:                {seconds:.2f} s   {said}")
            for folder in held.iterdir():
                for path in folder.rglob("*.md"):
                    target = posts / path.relative_to(folder)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(path, target)
            blog.commit("10 more posts")
            seconds, said = timed(*data, "pull")
            print(f"pull, 10 new posts:               {seconds:.2f} s   {said}")
        clone = base / "data/data/sources/blog"
        size = sum(p.stat().st_size for p in clone.rglob("*") if p.is_file())
        themes = (clone / "themes").exists()
        print(f"clone on disk: {size / 2**20:.1f} MB; the theme checked out: {themes}")


if __name__ == "__main__":
    main()
