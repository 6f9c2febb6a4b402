"""Rules of the digest format that real posts follow (issue 18), each written as a rule, with
the variants a careful reader would read the same way."""

from __future__ import annotations

import pytest

from readerapp.digest import parse_post
from tests.helpers import digest, entry


def one(text: str):
    result = parse_post(text.encode("utf-8"), "Paper/2024-08-23/3DGS.md")
    assert result.post is not None
    (paper,) = result.post.entries
    return paper


@pytest.mark.parametrize(
    "summary",
    [
        "**NeRF深度引导点云融合：增强稀疏输入场景下新视角合成**",
        "**A bold one-line summary of the paper.**",
        "**高斯泼溅**",
    ],
)
def test_a_summary_in_bold_under_its_label_is_the_summary(summary: str) -> None:
    paper = one(digest(entries=[entry(summary=summary)]))
    assert paper.summary == summary.strip("*")
    assert paper.takeaways == ["First point.", "Second point."]


def test_a_bold_summary_under_an_unknown_label_too() -> None:
    paper = one(digest(entries=[entry(summary_label="**TL;DR**", summary="**Splats, fast.**")]))
    assert paper.summary == "Splats, fast."
    assert paper.takeaways == ["First point.", "Second point."]


@pytest.mark.parametrize(
    "line",
    [
        "1.提出了新方法 2.速度更快 3.质量更高",
        "1. 提出了新方法 2. 速度更快 3. 质量更高",
        "1、提出了新方法 2、速度更快 3、质量更高",
        "1.提出了新方法；2.速度更快；3.质量更高",
    ],
)
def test_numbered_takeaways_on_one_line_are_separate_items(line: str) -> None:
    paper = one(digest(entries=[entry(takeaways=(line,))]))
    assert [t.rstrip("；;") for t in paper.takeaways] == ["提出了新方法", "速度更快", "质量更高"]


def test_numbers_inside_a_takeaway_do_not_split_it() -> None:
    takeaways = ("- Runs 2.5 times faster than 3DGS at 1.5 GB.", "- Version 2. of the method")
    paper = one(digest(entries=[entry(takeaways=takeaways)]))
    assert paper.takeaways == [
        "Runs 2.5 times faster than 3DGS at 1.5 GB.",
        "Version 2. of the method",
    ]


@pytest.mark.parametrize(
    "lead_in",
    [
        "以下是关于该文本的关键见解：",
        "Here are the key insights:",
        "The following points stand out:",
    ],
)
def test_a_lead_in_before_the_list_is_not_a_takeaway(lead_in: str) -> None:
    paper = one(digest(entries=[entry(takeaways=(lead_in, "- 第一点。", "- 第二点。"))]))
    assert paper.takeaways == ["第一点。", "第二点。"]


def test_a_takeaway_without_a_bullet_is_still_one() -> None:
    paper = one(digest(entries=[entry(takeaways=("Only one point, no bullet.",))]))
    assert paper.takeaways == ["Only one point, no bullet."]


@pytest.mark.parametrize("level", ["###", "####"])
def test_an_entry_under_a_deeper_heading_gets_its_authors(level: str) -> None:
    text = digest(entries=[entry(title="First")]).replace(
        "## First", f"## 今日论文\n\n{level} First"
    )
    paper = one(text)
    assert paper.title == "First"
    assert paper.authors == ["Ada Lovelace", "Alan Turing"]


def test_headings_inside_an_analysis_stay_in_it() -> None:
    analysis = "### 方法\n\n用了高斯。\n\n### 实验\n\n更快。"
    paper = one(digest(entries=[entry(analysis=analysis)]))
    assert "### 实验" in paper.analysis
