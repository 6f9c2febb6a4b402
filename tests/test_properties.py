"""Property tests: any front matter and any body, through parse, index, search, render and
export, raise nothing and take bounded time; a good post next to them always loads whole.
Profiles (tests/conftest.py): `ci` by default, `long` for a manual run
(`HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py`)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from readerapp.digest import parse_post
from readerapp.export.formats import bibliography
from readerapp.library.library import Library
from readerapp.render import RenderContext, render_paper
from tests.helpers import digest, entry

# Pieces a hostile or broken post is made of: Markdown and HTML syntax, YAML syntax, labels.
PIECES = [
    "**", "*", "_", "[", "]", "(", ")", "<", ">", "`", "$", "\\", "{", "}", "#", "- ", "1. ",
    "<details>", "</details>", "<img ", 'src="', "[PDF](", "http://arxiv.org/abs/2401.1234",
    "v9", "**Authors:**", "**Summary**", "**Key Takeaways**", "## ", "\n", "\n\n", "  ", "\t",
    "\r\n", "\ufeff", "\u200b", "\x00", "高斯", "&x ", "*x ", "---", ": ", "- - ", "<script>",
    "javascript:", "file:///etc/passwd", "$\\input{/etc/passwd}$", "%", "&", "~", "^",
    "date: 0000-00-00\n", "date: 2024-02-30\n", "title: &x [*x]\n",
]  # fmt: skip
noise = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=80).map("".join)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates().map(str),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


def _check_library(posts: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "posts"
        root.mkdir()
        for name, data in posts.items():
            (root / name).write_bytes(data)
        (root / "zz-intact.md").write_text(digest(entries=[entry(), entry(title="Second")]))
        library = Library(root, Path(tmp) / "index.sqlite3")
        try:
            started = time.perf_counter()
            library.update()
            papers = library.papers(library.paper_ids())
            library.search("gauss -splat author:x")
            for paper in papers:
                render_paper(paper, None, RenderContext(library_root=root))
            bibliography(papers)
            assert time.perf_counter() - started < 10
            intact = library.conn.execute(
                "SELECT n_entries FROM posts WHERE path = 'zz-intact.md'"
            ).fetchone()
            assert intact == (2,)
        finally:
            library.close()


@given(st.dictionaries(st.sampled_from(["title", "date", "tags", "categories", "x"]), yaml_values))
def test_any_front_matter_is_read_or_reported(meta: dict) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + entry()
    result = parse_post(text.encode(), "p.md")
    assert result.post is not None or any(p.severity == "error" for p in result.problems)


@given(noise, noise)
def test_any_damaged_front_matter_and_body_never_break_the_library(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n" + digest(entries=[entry(analysis=body, title=body[:60] or "T")])
    _check_library({"a.md": text.encode("utf-8", "surrogatepass")})


@given(st.binary(max_size=400), st.integers(0, 3000), noise)
def test_any_mutation_of_a_post_is_reported_with_a_line(junk: bytes, cut: int, line: str) -> None:
    good = digest(entries=[entry(), entry(title="Two")]).encode()
    mutated = good[:cut] + junk + line.encode("utf-8", "surrogatepass") + good[cut:]
    result = parse_post(mutated, "m.md")
    assert all(p.line >= 0 for p in result.problems)
    _check_library({"m.md": mutated})
