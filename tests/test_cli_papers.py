"""`readerapp papers` on a library never indexed: the papers print as the index commits them
(newest posts first), each once (issue 13: readable at once on the command line too)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import entry, listed_ids, run_cli, write_digest


def _library(root: Path) -> Path:
    """Two topics: the older posts under the topic the tree lists first."""
    for day in range(1, 13):
        for topic, month, number in (("Alpha", "08", 1000), ("Zeta", "09", 2000)):
            arxiv = f"2408.{number + day:05d}v1"
            write_digest(root, topic, f"2024-{month}-{day:02d} 10:00:00", [entry(arxiv=arxiv)])
    return root


def test_a_first_papers_prints_the_newest_posts_first_and_every_paper_once(
    tmp_path: Path, capsys
) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--library", str(_library(tmp_path / "blog"))]
    code, first, _ = run_cli(capsys, *base, "papers")
    assert code == 0
    code, warm, _ = run_cli(capsys, *base, "papers")
    assert code == 0
    assert len(listed_ids(first)) == 24 and sorted(listed_ids(first)) == sorted(listed_ids(warm))
    assert listed_ids(warm)[0] == "2408.01012"  # the tree: Alpha first, its newest post first
    assert listed_ids(first)[0] == "2408.02012"  # the first batch: the newest posts (Zeta)


def test_filters_apply_to_what_prints_as_it_is_indexed(tmp_path: Path, capsys) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--library", str(_library(tmp_path / "blog"))]
    code, out, _ = run_cli(capsys, *base, "papers", "--read")
    assert code == 0 and out == ""
    code, out, _ = run_cli(capsys, *base, "papers", "--unread")
    assert code == 0 and len(listed_ids(out)) == 24


def test_json_waits_for_every_post_of_a_paper(tmp_path: Path, capsys) -> None:
    """A record lists every post the paper is in: only the whole index knows them."""
    root = _library(tmp_path / "blog")
    write_digest(root, "Alpha", "2024-07-01 10:00:00", [entry(arxiv="2408.02012v1")])  # oldest
    base = ["--data-dir", str(tmp_path / "data"), "--library", str(root)]
    code, out, _ = run_cli(capsys, *base, "papers", "--json")
    assert code == 0
    papers = {p["id"]: p for p in map(json.loads, out.splitlines())}
    assert len(papers) == 24 and len(papers["2408.02012"]["posts"]) == 2


def test_a_search_waits_for_the_whole_index(tmp_path: Path, capsys) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--library", str(_library(tmp_path / "blog"))]
    code, out, _ = run_cli(capsys, *base, "papers", "--query", "study")
    assert code == 0 and len(listed_ids(out)) == 24
