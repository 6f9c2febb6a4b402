"""Property tests over damaged real posts (issue 18): any mutation of a post of the corpus
(cut short, lines deleted or repeated, random bytes, a huge line, deep nesting, a YAML alias
bomb, a front matter that is a list) parses without raising, in bounded time, with every
problem at a line; an intact post beside the damaged one always loads whole."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readerapp.digest import parse_post
from readerapp.library.library import Library
from tests.helpers import CORPUS

POSTS = sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not POSTS, reason="../shared/corpus/posts is not present")
# Small posts keep each example fast; every kind of post is among them.
SMALL = sorted(POSTS, key=lambda p: p.stat().st_size)[: max(1, len(POSTS) // 2)]

BOMB = (
    "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n"
)
NESTING = ["> " * 400 + "deep\n", "- " * 300 + "x\n", "[" * 20000 + "\n", "<details>" * 2000 + "\n",
           "*" * 30000 + "\n", "**" * 5000 + "Summary\n", "#" * 5000 + " x\n"]  # fmt: skip


def _lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutated(draw) -> tuple[Path, bytes, str]:
    path = draw(st.sampled_from(SMALL))
    data = path.read_bytes()
    kind = draw(st.sampled_from(
        ["truncate", "delete", "duplicate", "bytes", "huge", "nesting", "bomb", "list"]
    ))  # fmt: skip
    lines = _lines_of(data)
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "delete":
        data = b"\n".join(lines[:at] + lines[at + draw(st.integers(1, 40)) :])
    elif kind == "duplicate":
        span = lines[at : at + draw(st.integers(1, 40))]
        data = b"\n".join(lines[:at] + span * draw(st.integers(2, 5)) + lines[at:])
    elif kind == "bytes":
        junk = draw(st.binary(min_size=1, max_size=300))
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + junk + data[cut:]
    elif kind == "huge":
        line = draw(st.sampled_from([b"a", b"** ", "高".encode(), b"<b>", b"$"])) * 200_000
        data = b"\n".join([*lines[:at], line, *lines[at:]])
    elif kind == "nesting":
        data = b"\n".join([*lines[:at], draw(st.sampled_from(NESTING)).encode(), *lines[at:]])
    elif kind == "bomb":
        data = BOMB.encode() + data.split(b"---", 2)[-1]
    else:
        data = b"---\n- a\n- b\n---\n" + data.split(b"---", 2)[-1]
    return path, data, kind


@given(mutated())
def test_a_damaged_real_post_parses_in_bounded_time_with_lines(case) -> None:
    _path, data, kind = case
    started = time.perf_counter()
    result = parse_post(data, "m.md")
    assert time.perf_counter() - started < 5, kind
    assert all(problem.line >= 1 for problem in result.problems), result.problems
    if kind in ("bomb", "list"):  # the front matter cannot be used: said, with its line
        assert any(p.severity == "error" for p in result.problems), kind


@given(mutated())
def test_an_intact_post_beside_a_damaged_one_loads_whole(case) -> None:
    _path, data, kind = case
    intact = POSTS[0]
    expected = parse_post(intact.read_bytes(), "intact.md").post
    assert expected is not None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "posts"
        root.mkdir()
        (root / "damaged.md").write_bytes(data)
        (root / "intact.md").write_bytes(intact.read_bytes())
        library = Library(root, Path(tmp) / "index.sqlite3")
        try:
            started = time.perf_counter()
            library.update()
            assert time.perf_counter() - started < 20, kind
            row = library.conn.execute(
                "SELECT n_entries FROM posts WHERE path = 'intact.md'"
            ).fetchone()
            assert row == (len(expected.entries),)
        finally:
            library.close()
