"""How an analysis and a header read (issue 12): the outline keeps its numbers, TeX quotes
read as quotes, indented prose is prose, one screenshot failure does not suggest a useless
retry, two project pages can be told apart."""

from __future__ import annotations

import pytest

from readerapp.library.records import Link
from readerapp.render import RenderContext, render_paper
from readerapp.render.images import ImageInfo
from readerapp.render.markup import markdown_to_html, outline_items, tex_quotes
from readerapp.render.texcommands import text_commands_to_plain
from readerapp.textview import paper_text
from tests.export.test_bibtex import paper

OUTLINE = """6. Summary:
\t* (1) background
\t* (2) method
7. 方法：

*(1)* 研究背景：text

8. Conclusion:

- (1) significance
"""


def test_an_outline_keeps_its_numbers_and_items() -> None:
    html = markdown_to_html(outline_items(OUTLINE))
    assert '<ol start="6">' in html and '<ol start="8">' in html
    assert "<li>Conclusion:</li>" in html  # its own item, not glued to the paragraph above
    assert html.count("<li>") == 6


def test_indented_prose_is_not_a_code_block() -> None:
    html = markdown_to_html("Intro:\n\n\t(1) a long indented sentence of the analysis")
    assert "<pre>" not in html and "indented sentence" in html


def test_tex_quotes_read_as_quotes() -> None:
    text = "realizes ``movement-dependent'' cloth, not ``pose-dependent'' rigid"
    assert tex_quotes(text) == "realizes “movement-dependent” cloth, not “pose-dependent” rigid"
    record = paper("T", ["A B"], "2401.00001", analysis=text, abstract=text)
    page = render_paper(record, None, RenderContext())
    assert "``" not in page and "<code>" not in page


def test_a_screenshot_gone_for_good_offers_no_fetch() -> None:
    def lookup(url, base):
        return ImageInfo(None, reason="failed: 404 Not Found", retry=False)

    record = paper("T", ["A B"], "2401.00001", screenshots=["https://img.example/a.png"])
    page = render_paper(record, None, RenderContext(images=lookup))
    assert "404 Not Found" in page and "fetch-images" not in page


def test_two_project_pages_are_told_apart() -> None:
    links = [Link("https://a.github.io/x", "project"), Link("https://www.b.org/y", "project")]
    record = paper("T", ["A B"], "2401.00001", links=links)
    page = render_paper(record, None, RenderContext())
    assert "Project page (a.github.io)" in page and "Project page (b.org)" in page


@pytest.mark.parametrize(
    ("abstract", "shown"),
    [
        (r"an unsupervised \textbf{G}raph \textbf{A}uto\textbf{E}ncoder", "<b>G</b>raph"),
        (r"we introduce \textbf{\textit{Gaussian-MAE}}, which", "<b><i>Gaussian-MAE</i></b>,"),
        (r"we propose \underline{\textbf{M}}utual \emph{evolution}", "<u><b>M</b></u>utual <i>"),
        (r"at \url{https://a.example/x.html}.", '<a href="https://a.example/x.html">https://a'),
        (r"at \href{https://r.example/}{our site}.", '<a href="https://r.example/">our site</a>.'),
        (r"available\footnote{https://g.example/t}.", 'available (<a href="https://g.example/t">'),
        (r"a \href{javascript:alert(1)}{click}", "a click"),  # never a script link
        (r"\unknown{x} and \textbf{open <b>", r"\unknown{x} and \textbf{open &lt;b&gt;"),
    ],
)
def test_latex_text_commands_in_an_abstract_read_as_formatting(abstract: str, shown: str) -> None:
    html = render_paper(paper("T", ["A B"], abstract=abstract), None, RenderContext())
    assert shown in html


@pytest.mark.parametrize(
    ("abstract", "text"),
    [
        (r"an \textbf{G}raph \underline{\textbf{M}}utual \emph{x}", "an Graph Mutual x"),
        (r"at \href{https://r.example/}{https://r.example/}.", "at https://r.example/."),
        (r"at \href{https://r.example/}{our site}.", "at our site (https://r.example/)."),
        (r"see \url{https://a.example/}", "see https://a.example/"),
        (r"code\footnote{https://g.example/t}.", "code (https://g.example/t)."),
    ],
)
def test_latex_text_commands_in_an_abstract_read_as_plain_text(abstract: str, text: str) -> None:
    assert text_commands_to_plain(abstract) == text
    assert text in paper_text(paper("T", ["A B"], abstract=abstract), {})


def test_latex_text_commands_in_takeaways_summary_and_comment_read_as_formatting() -> None:
    record = paper(
        "T",
        ["A B"],
        takeaways=[r"代码在 \href{https://t.example/}{这里} 获取。"],
        summary=r"a \textbf{bold} claim",
        comment=r"Project page: \url{https://p.example/}",
    )
    html = render_paper(record, None, RenderContext())
    assert '<a href="https://t.example/">这里</a>' in html
    assert "a <b>bold</b> claim" in html
    assert '<a href="https://p.example/">https://p.example/</a>' in html
