"""The format's variants, on small posts written for these tests."""

from __future__ import annotations

import hashlib

import pytest

from readerapp.digest import parse_post
from readerapp.digest.model import PaperEntry
from tests.helpers import digest, entry


def only_entry(text: str) -> PaperEntry:
    result = parse_post(text.encode("utf-8"), "Paper/2024-08-23/3DGS.md")
    assert result.post is not None
    assert len(result.post.entries) == 1
    return result.post.entries[0]


def test_plain_entry_fields() -> None:
    e = only_entry(digest())
    assert e.title == "A Study of Things"
    assert e.authors == ["Ada Lovelace", "Alan Turing"]
    assert (e.arxiv_id, e.arxiv_version, e.id) == ("2401.00001", 1, "2401.00001")
    assert e.pdf_url == "http://arxiv.org/abs/2401.00001v1"
    assert e.abstract == "Abstract of A Study of Things."
    assert e.summary == "One line about the paper."
    assert e.takeaways == ["First point.", "Second point."]
    assert e.analysis == "1. Title: A study\n\n2. Summary: it works."
    assert e.screenshots == ["https://img.example/a.jpg"]


@pytest.mark.parametrize(
    ("summary_label", "takeaways_label"),
    [
        ("**Summary**", "**Key Takeaways**"),
        ("**Summary:**", "**Key Takeaways:**"),
        ("**摘要**", "**要点**"),
        ("**概述**", "**主要结论**"),
        ("**摘要：**", "**关键要点：**"),
        ("**Summary**:", "**Key Takeaways**："),
        ("**TL;DR**", "**Highlights**"),
    ],
)
def test_label_spellings(summary_label: str, takeaways_label: str) -> None:
    e = only_entry(
        digest(entries=[entry(summary_label=summary_label, takeaways_label=takeaways_label)])
    )
    assert e.summary == "One line about the paper."
    assert e.takeaways == ["First point.", "Second point."]


def test_label_with_text_on_the_same_line() -> None:
    text = digest(entries=[entry(summary_label="**Summary**：扩散模型很好。", summary="")])
    assert only_entry(text).summary == "扩散模型很好。"


@pytest.mark.parametrize(
    "items",
    [
        ("- 甲", "- 乙"),
        ("* 甲", "* 乙"),
        ("• 甲", "• 乙"),
        ("•甲", "•乙"),
        ("1. 甲", "2. 乙"),
        ("1) 甲", "2) 乙"),
        ("1、甲", "2、乙"),
        ("- 甲", "", "", "- 乙"),
    ],
)
def test_takeaway_bullets(items: tuple[str, ...]) -> None:
    assert only_entry(digest(entries=[entry(takeaways=items)])).takeaways == ["甲", "乙"]


def test_takeaway_continuation_lines_join_the_item() -> None:
    e = only_entry(
        digest(entries=[entry(takeaways=("- first line", "  continues here", "- second"))])
    )
    assert e.takeaways == ["first line continues here", "second"]


def test_comment_and_links() -> None:
    e = only_entry(
        digest(
            entries=[
                entry(
                    arxiv="2407.21686v3",
                    comment="Accepted to ECCV 2024. Project page:   https://example.org/proj/ Code:"
                    " https://github.com/someone/repo.",
                )
            ]
        )
    )
    assert e.arxiv_version == 3
    assert e.comment == (
        "Accepted to ECCV 2024. Project page: https://example.org/proj/ Code:"
        " https://github.com/someone/repo."
    )
    assert [(link.url, link.kind) for link in e.links] == [
        ("https://example.org/proj/", "project"),
        ("https://github.com/someone/repo", "code"),
    ]


def test_entry_without_arxiv_id_is_identified_by_its_title() -> None:
    e = only_entry(digest(entries=[entry(title="Some   Paper\u200b Title", arxiv=None)]))
    assert e.title == "Some Paper Title"
    expected = hashlib.sha1(b"some paper title").hexdigest()[:12]
    assert e.id == "t:" + expected
    assert e.arxiv_id is None


def test_old_style_arxiv_id() -> None:
    e = only_entry(digest(entries=[entry(arxiv="cs/0112017v2")]))
    assert (e.id, e.arxiv_version) == ("cs/0112017", 2)


def test_html_analysis() -> None:
    html = "<ol>\n<li>\n<p>Title: x</p>\n</li>\n</ol>"
    e = only_entry(digest(entries=[entry(analysis=html)]))
    assert e.analysis == html and e.analysis_is_html


def test_heading_inside_an_analysis_does_not_start_a_paper() -> None:
    analysis = "Intro text.\n\n## Methods\n\nWe did things.\n\n```\n## not a heading\n```"
    result = parse_post(
        digest(
            entries=[entry(analysis=analysis), entry(title="Second", arxiv="2401.00002v1")]
        ).encode(),
        "p.md",
    )
    assert [e.title for e in result.post.entries] == ["A Study of Things", "Second"]
    assert "## Methods" in result.post.entries[0].analysis
    assert result.post.entries[1].index == 1


def test_markdown_images_in_details_are_screenshots() -> None:
    text = digest().replace(
        '<img src="https://img.example/a.jpg" align="middle">', "![s](https://img.example/b.png)"
    )
    assert only_entry(text).screenshots == ["https://img.example/b.png"]


def test_authors_variants() -> None:
    text = digest().replace(
        "**Authors:Ada Lovelace, Alan Turing**",
        "**Authors**: Ada Lovelace, Alan Turing, and Grace Hopper",
    )
    assert only_entry(text).authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    text = digest().replace("**Authors:Ada Lovelace, Alan Turing**", "**Authors: Not Provided**")
    assert only_entry(text).authors == []


def test_topic_and_date_rules() -> None:
    result = parse_post(digest(topic="NeRF", date="").encode(), "Paper/2024-05-28/NeRF.md")
    assert result.post.topic == "NeRF"
    assert result.post.date.isoformat() == "2024-05-28T00:00:00"  # from the path
    note = parse_post(
        b"---\ntitle: Hello\ncategories:\n  - Linux\n  - Tools\n---\nBody\n", "x/hello.md"
    )
    assert note.post.topic == "Linux" and not note.post.is_digest
    assert note.post.body == "Body"
    assert note.post.date is None  # the library falls back to the file's mtime


def test_chinese_authors_label_and_plain_authors_lines_in_notes() -> None:
    text = digest().replace("**Authors:Ada Lovelace, Alan Turing**", "**作者：** 张三、李四")
    assert only_entry(text).authors == ["张三", "李四"]
    note = b"---\ntitle: A note\ncategories: Note\n---\n\n## Reading\n\nAuthors: me\n"
    assert not parse_post(note, "note.md").post.is_digest


def test_links_end_where_their_sentence_goes_on() -> None:
    e = only_entry(
        digest(
            entries=[
                entry(
                    comment=r"Site: \href{https://a.example/}{https://a.example/}.",
                    analysis="代码：[https://b.example/x。](https://b.example/x%E3%80%82)，"
                    "见 https://b.example/x/ 与 https://c.example/y%ef%bc%8c",
                )
            ]
        )
    )
    assert [link.url for link in e.links] == [
        "https://a.example/",
        "https://b.example/x",
        "https://c.example/y",
    ]
