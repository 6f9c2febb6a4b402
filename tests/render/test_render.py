"""The viewer's HTML: LaTeX as text, sanitised post HTML, local images only, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from readerapp.library.library import Library
from readerapp.render import LocalImages, RenderContext, render_paper, render_post
from readerapp.render.images import ImageInfo
from readerapp.render.latex import latex_to_text
from readerapp.render.markup import markdown_to_html
from readerapp.store import PaperState
from tests.helpers import entry, write, write_digest


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("I$^2$OL-Net", "I²OL-Net"),
        ("$\\sim$1,250 hours", "∼1,250 hours"),
        ("E$^3$NeRF", "E³NeRF"),
        ("over 6$\\times$ faster", "over 6× faster"),
        ("$x_{t-1}$", "xₜ₋₁"),
        ("costs $5 and $6, 50% off", "costs $5 and $6, 50% off"),
        ("no math at all", "no math at all"),
    ],
)
def test_latex_fragments_read_as_text(source: str, text: str) -> None:
    assert latex_to_text(source) == text


def test_post_html_is_sanitised() -> None:
    html = markdown_to_html(
        '<p onclick="x()">hi</p><script>alert(1)</script><iframe src="https://e.com"></iframe>'
        '<a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">good</a>'
    )
    assert "script" not in html and "iframe" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert 'href="https://ok.example/"' in html


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "blog"
    shots = ("images/fig.png", "https://img.example/remote.jpg")
    write_digest(root, "3DGS", "2024-08-23 18:00:00", [
        entry(title="I$^2$OL-Net: Tiny & Fast", arxiv="2408.00001v2", screenshots=shots,
              analysis="Intro with <b>HTML</b> and ![inline](https://img.example/x.png)"),
    ])  # fmt: skip
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x03\x20\x00\x00\x01\x90\x08\x02"
        b"\x00\x00\x00" + b"\x00" * 64
    )
    write(root, "Paper/2024-08-23/images/fig.png", png)
    lib = Library(root, tmp_path / "index.sqlite3")
    lib.update()
    return lib


def test_paper_page(library: Library) -> None:
    paper = library.paper("2408.00001")
    ctx = RenderContext(images=LocalImages(library.root), library_root=library.root, width=400)
    html = render_paper(paper, PaperState(starred=True), ctx)
    assert "<h1>" in html and "I²OL-Net: Tiny &amp; Fast" in html
    assert 'href="https://arxiv.org/abs/2408.00001"' in html
    assert 'href="https://arxiv.org/pdf/2408.00001v2"' in html
    assert "★" in html and "Ada Lovelace, Alan Turing" in html
    # The local screenshot is fitted to the pane (800x400 → 400x200); remote ones never load.
    assert 'width="400" height="200"' in html and "file://" in html
    assert "img.example" not in html
    assert html.count("not downloaded yet") == 2  # the remote screenshot and the inline image
    assert "<b>HTML</b>" in html


def test_missing_image_says_why(library: Library) -> None:
    paper = library.paper("2408.00001")

    def failing(url: str, base: Path | None) -> ImageInfo:
        return ImageInfo(None, reason="failed: 404 Not Found")

    html = render_paper(paper, None, RenderContext(images=failing))
    assert "failed: 404 Not Found" in html and "fetch-images" in html


def test_post_page_lists_papers_with_summaries(library: Library) -> None:
    post = library.posts_of("3DGS")[0]
    rows = [(row, PaperState()) for row in library.entries_of(post.id)]
    html = render_post(post, rows, RenderContext())
    assert "2024-08-23 · 3DGS" in html and "1 paper · 1 unread" in html
    assert "One line about the paper." in html


def test_every_corpus_paper_renders(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "index.sqlite3")
    library.update()
    ctx = RenderContext(images=LocalImages(library.root), library_root=library.root)
    papers = library.papers(library.paper_ids())
    assert len(papers) == 336
    for paper in papers:
        html = render_paper(paper, None, ctx)
        assert latex_to_text(paper.title).replace("&", "&amp;") in html
        assert "<script" not in html and "zhimg.com" not in html
    for topic in library.topics():
        for post in library.posts_of(topic):
            rows = [(row, None) for row in library.entries_of(post.id)]
            assert post.title.replace("&", "&amp;") in render_post(post, rows, ctx)


def test_a_page_splits_into_its_stylesheet_and_the_rest() -> None:
    from readerapp.render.page import render_message, split_style
    from readerapp.render.theme import stylesheet

    page = render_message(RenderContext(theme="dark", font_size=18), "Hello", "<p>body</p>")
    style, rest = split_style(page)
    assert style == stylesheet("dark", 18)
    assert "<style>" not in rest and "Hello" in rest and rest.endswith("</body></html>")
    assert split_style("<p>no style</p>") == ("", "<p>no style</p>")
