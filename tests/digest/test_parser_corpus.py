"""The parser on every post of the real corpus (../shared/corpus/posts)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from readerapp.digest import PaperEntry, Post, parse_post

BULLETS = ("- ", "* ", "•", "+ ")


def parse_all(corpus: Path) -> list[Post]:
    posts = []
    for path in sorted(corpus.rglob("*.md")):
        result = parse_post(path.read_bytes(), path.relative_to(corpus).as_posix())
        assert result.post is not None, [str(p) for p in result.problems]
        assert result.problems == [], [str(p) for p in result.problems]
        posts.append(result.post)
    return posts


@pytest.fixture(scope="module")
def posts(request: pytest.FixtureRequest) -> list[Post]:
    from tests.helpers import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/posts is not present")
    return parse_all(CORPUS)


def entries(posts: list[Post]) -> list[PaperEntry]:
    return [e for post in posts for e in post.entries]


def find(posts: list[Post], paper_id: str) -> PaperEntry:
    return next(e for e in entries(posts) if e.id == paper_id)


def test_counts_match_the_corpus_readme(posts: list[Post]) -> None:
    all_entries = entries(posts)
    ids = Counter(e.id for e in all_entries)
    assert len(posts) == 31
    assert len(all_entries) == 366
    assert len(ids) == 336
    assert sum(1 for n in ids.values() if n > 1) == 28
    assert sum(len(e.screenshots) for e in all_entries) == 1588


def test_non_digest_posts_keep_their_body_and_category(posts: list[Post]) -> None:
    notes = {p.path: p for p in posts if not p.is_digest}
    assert set(notes) == {
        "Paper/3DGS Survey.md",
        "Paper/Awesome-Talking-Head-Synthesis.md",
        "Paperscape/EMO.md",
    }
    assert notes["Paper/3DGS Survey.md"].topic == "Note"
    assert notes["Paperscape/EMO.md"].topic == "Paperscape"
    assert "## 引言 INTRODUCTION" in notes["Paper/3DGS Survey.md"].body
    # `date: 2024-01-1 01:01:01` and `2024-03-03 21:20` are not YAML timestamps but still dates.
    assert (
        notes["Paper/Awesome-Talking-Head-Synthesis.md"].date.isoformat() == "2024-01-01T01:01:01"
    )
    assert notes["Paperscape/EMO.md"].date.isoformat() == "2024-03-03T21:20:00"


def test_every_entry_is_complete(posts: list[Post]) -> None:
    for e in entries(posts):
        assert e.title and "  " not in e.title and "\u200b" not in e.title
        assert e.arxiv_id and e.arxiv_version, e.title
        assert e.pdf_url and e.pdf_url.startswith("http://arxiv.org/abs/")
        assert e.abstract and e.summary, e.id
        assert not e.summary.startswith(("*", ":", "：")), e.id
        assert all(t and not t.startswith(BULLETS) for t in e.takeaways), e.id
        assert "<details" not in e.analysis and "ChatPaperFree](" not in e.analysis
        assert all(url.startswith("https://") for url in e.screenshots)
    # Exactly one entry of the corpus has a summary but no takeaways section.
    assert [e.id for e in entries(posts) if not e.takeaways] == ["2407.08949"]


def test_front_matter_after_a_blank_line(posts: list[Post]) -> None:
    post = next(p for p in posts if p.path == "Paper/2024-05-28/元宇宙_虚拟人.md")
    assert post.title == "元宇宙/虚拟人"
    assert post.topic == "元宇宙/虚拟人"
    assert post.date.isoformat() == "2024-05-28T00:59:56"
    assert post.tags == ["元宇宙/虚拟人"]


def test_title_with_wrapped_spaces_and_latex(posts: list[Post]) -> None:
    # In the post: `## I$^2$OL-Net: ... Network for   Point-Supervised ...` (a run of spaces).
    e = next(x for x in entries(posts) if x.title.startswith("I$^2$OL-Net"))
    assert e.title == (
        "I$^2$OL-Net: Intra-Inter Objectness Learning Network for Point-Supervised X-Ray"
        " Prohibited Item Detection"
    )


def test_comment_after_the_pdf_link(posts: list[Post]) -> None:
    e = find(posts, "2410.18355")
    assert e.arxiv_version == 1
    assert e.comment == (
        "Accepted to CVPR 2024 (Highlight). Project page: http://geometrylearning.com/VideoRelighting"
    )
    assert ("http://geometrylearning.com/VideoRelighting", "project") in [
        (link.url, link.kind) for link in e.links
    ]
    assert find(posts, "2410.13726").arxiv_version == 2
    assert find(posts, "2410.13726").comment == ""


def test_inline_summary_label_with_fullwidth_colon(posts: list[Post]) -> None:
    e = find(posts, "2408.08883")
    assert e.summary.startswith("扩散模型已成功应用于MRI重建")
    assert len(e.takeaways) == 7
    assert e.takeaways[0] == "扩散模型已成功应用于MRI重建。"


def test_chinese_labels_and_star_bullets(posts: list[Post]) -> None:
    e = find(posts, "2312.02069")  # **摘要** / **要点** with `*` bullets
    assert e.summary == "高斯化身：利用高斯三维模型构建的可控3D面部化身。"
    assert e.takeaways[0] == "引入高斯化身，一种创建逼真且可控头部化身的方法。"
    assert len(e.takeaways) == 6


def test_colon_inside_bold_label(posts: list[Post]) -> None:
    e = find(posts, "2401.12086")  # **Summary:** / **Key Takeaways:**
    assert e.summary.startswith("深度强化学习从人类反馈中学习")
    assert e.takeaways and e.takeaways[0].startswith("提出了一种通过生成合成偏好数据")


def test_numbered_takeaways(posts: list[Post]) -> None:
    e = find(posts, "2409.20301")
    assert e.takeaways[0] == "MT-RNNT用于多说话人语音识别，降低前端分离成本。"
    assert len(e.takeaways) == 7


def test_html_analysis_is_kept_as_source(posts: list[Post]) -> None:
    post = next(p for p in posts if p.path == "Paper/2024-05-28/元宇宙_虚拟人.md")
    e = post.entries[0]
    assert e.id == "2405.15758"
    assert e.analysis.startswith("<ol>")
    assert e.analysis_is_html
    assert e.analysis.rstrip().endswith("</ol>")
    assert len(e.screenshots) == 3


def test_same_paper_in_several_posts_has_one_id(posts: list[Post]) -> None:
    places = [p.path for p in posts for e in p.entries if e.id == "2405.15758"]
    assert places == [
        "Paper/2024-05-28/Talking Head Generation.md",
        "Paper/2024-05-28/元宇宙_虚拟人.md",
    ]


def test_an_entry_links_each_page_once_without_the_sentence_around_it(posts: list[Post]) -> None:
    for post in posts:
        for e in post.entries:
            urls = [link.url for link in e.links]
            assert len({url.rstrip("/") for url in urls}) == len(urls), (e.id, urls)
            for url in urls:
                assert "{" not in url and "}" not in url, (e.id, url)  # LaTeX's \href{}{}
                assert not url.upper().endswith("%E3%80%82"), (e.id, url)  # an encoded 。
