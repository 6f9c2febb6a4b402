"""Property tests of the parser (issue 18): a post built from generated entries, in any of the
format's variants (labels, bullets, numbering, HTML analysis, screenshots, CRLF, a BOM,
zero-width characters), parses back to what was generated. Examples per run: the `ci`
profile's count (tests/conftest.py); `HYPOTHESIS_PROFILE=long` for a long run by hand."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from readerapp.digest import parse_post
from readerapp.digest.entry import _NO_AUTHORS as NO_AUTHORS
from readerapp.digest.text import collapse

ZW = "\u200b"  # copied titles carry zero-width spaces; a reader does not see them
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ高斯泼溅神经辐射场数字人"
word = st.text(LETTERS, min_size=1, max_size=10)
sentence = st.lists(word, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")
name = st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=3).map(" ".join)


@dataclass(frozen=True)
class Generated:
    title: str
    authors: list[str]
    abstract: list[str]  # paragraphs
    arxiv: str
    version: int
    comment: str
    summary: str
    takeaways: list[str]
    analysis: str
    screenshots: list[str]


@st.composite
def entries(draw) -> Generated:
    n = draw(st.integers(1000, 9999))
    return Generated(
        title=draw(st.lists(word, min_size=1, max_size=8).map(" ".join)),
        # One author called "none" (or "unknown") is how digests say there are none.
        authors=draw(
            st.lists(name, min_size=1, max_size=5).filter(
                lambda names: len(names) > 1 or names[0].lower() not in NO_AUTHORS
            )
        ),
        abstract=draw(
            st.lists(
                st.lists(sentence, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3
            )
        ),
        arxiv=f"24{draw(st.integers(1, 12)):02d}.{n:05d}",
        version=draw(st.integers(1, 9)),
        comment=draw(st.sampled_from(["", "Accepted to CVPR 2024", "12 pages, 5 figures"])),
        summary=draw(sentence),
        takeaways=draw(st.lists(sentence, min_size=1, max_size=6)),
        analysis=draw(st.lists(sentence, min_size=1, max_size=4).map("\n\n".join)),
        screenshots=[f"https://img.example/{n}/{i}.jpg" for i in range(draw(st.integers(0, 3)))],
    )


@st.composite
def written(draw, paper: Generated) -> str:
    """One way the blog writes this entry."""
    joiner = draw(st.sampled_from([", ", "，", ", and "]))
    authors = (
        joiner.join(paper.authors)
        if len(paper.authors) < 3 or joiner != ", and "
        else ", ".join(paper.authors)
    )
    authors_line = draw(
        st.sampled_from(["**Authors:{}**", "**Authors**: {}", "**作者：** {}", "**Author:{}**"])
    ).format(authors)
    title = paper.title
    if draw(st.booleans()):  # a zero-width space inside the title, as copied from a PDF
        title = title[:1] + ZW + title[1:]
    pdf = f"[PDF](http://arxiv.org/abs/{paper.arxiv}v{paper.version}) {paper.comment}".rstrip()
    summary_label = draw(st.sampled_from(["**Summary**", "**摘要**", "**Summary:**", "**TL;DR**"]))
    summary = paper.summary
    inline_summary = draw(st.booleans()) and summary_label != "**TL;DR**"
    if not inline_summary and draw(st.booleans()):
        summary = f"**{summary}**"  # written in bold under its label
    takeaways_label = draw(
        st.sampled_from(["**Key Takeaways**", "**关键见解**", "**Key Takeaways:**"])
    )
    style = draw(st.sampled_from(["- {}", "* {}", "{n}. {}", "• {}", "{n}、{}", "inline"]))
    if style == "inline":
        items = [" ".join(f"{n}.{t}" for n, t in enumerate(paper.takeaways, 1))]
    else:
        items = [style.format(t, n=n) for n, t in enumerate(paper.takeaways, 1)]
    if draw(st.booleans()):
        items.insert(0, draw(st.sampled_from(["以下是关键见解：", "Here are the key points:"])))
    analysis = paper.analysis
    if draw(st.booleans()):
        analysis = f"<p>{analysis}</p>"
    lines = [f"## {title}", "", authors_line, "", "\n\n".join(paper.abstract), "", pdf, ""]
    if inline_summary:
        lines += [f"{summary_label} {summary}", ""]
    else:
        lines += [summary_label, summary, ""]
    lines += [takeaways_label, *items, ""]
    lines += ["**[ChatPaperFree](https://huggingface.co/spaces/Kedreamix/ChatPaperFree)**", ""]
    lines += [analysis, ""]
    if paper.screenshots:
        lines += ["<details>", "  <summary>screenshots</summary>"]
        lines += [f'<img src="{url}" align="middle">' for url in paper.screenshots]
        lines += ["</details>", ""]
    return "\n".join(lines)


@st.composite
def posts(draw) -> tuple[list[Generated], bytes]:
    papers = draw(st.lists(entries(), min_size=1, max_size=4, unique_by=lambda p: p.arxiv))
    body = "\n".join(draw(written(p)) for p in papers)
    text = "---\ntitle: 3DGS\ndate: 2024-08-23 18:17:11\ncategories: Paper\n---\n\n" + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data  # a BOM
    return papers, data


@given(posts())
def test_any_generated_post_parses_back_to_what_was_generated(post) -> None:
    papers, data = post
    result = parse_post(data, "Paper/2024-08-23/3DGS.md")
    assert result.post is not None
    assert [p.severity for p in result.problems] == []
    assert len(result.post.entries) == len(papers)
    for got, want in zip(result.post.entries, papers, strict=True):
        assert got.title == collapse(want.title)
        assert got.authors == want.authors
        assert got.abstract == "\n\n".join(want.abstract)
        assert (got.arxiv_id, got.arxiv_version) == (want.arxiv, want.version)
        assert got.comment == want.comment
        assert got.summary == want.summary
        assert got.takeaways == want.takeaways
        assert collapse(got.analysis.replace("<p>", "").replace("</p>", "")) == collapse(
            want.analysis
        )
        assert got.screenshots == want.screenshots
