"""`papers --sort` and `similar` (DESIGN.md, contract; issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readerapp.cli import main
from tests.helpers import listed_ids, write_two_subjects


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return write_two_subjects(tmp_path / "blog", avatars=6, proteins=6)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_sort_interest_needs_three_stars_and_says_so(blog: Path, capsys) -> None:
    code, lines, err = run(capsys, "--library", str(blog), "papers", "--sort", "interest")
    assert code == 0 and "star at least 3" in err
    assert listed_ids(lines)[0].startswith("2408.001")  # newest first: the protein post is newer


def test_sort_interest_puts_papers_like_the_starred_ones_first(blog: Path, capsys) -> None:
    run(capsys, "--library", str(blog), "star", "2408.00001", "2408.00002", "2408.00003")
    run(capsys, "--library", str(blog), "mark", "--read", "2408.00100")
    code, lines, err = run(
        capsys, "--library", str(blog), "papers", "--sort", "interest", "--unread"
    )
    assert code == 0 and err == ""
    order = listed_ids(lines)
    assert "2408.00100" not in order  # --unread still applies
    assert set(order[:6]) == {f"2408.0000{n}" for n in range(1, 7)}

    code, lines, _ = run(capsys, "--library", str(blog), "papers", "--sort", "date")
    assert listed_ids(lines)[0].startswith("2408.001")
    code, lines, _ = run(
        capsys, "--library", str(blog), "papers", "--query", "avatar", "--sort", "relevance"
    )
    assert set(listed_ids(lines)) == {f"2408.0000{n}" for n in range(1, 7)}


def test_similar_lists_the_nearest_papers_with_their_score(blog: Path, capsys) -> None:
    code, lines, _ = run(capsys, "--library", str(blog), "similar", "2408.00001v1", "-n", "3")
    assert code == 0 and len(lines) == 3
    assert set(listed_ids(lines)) <= {f"2408.0000{n}" for n in range(2, 7)}  # itself left out
    code, lines, _ = run(capsys, "--library", str(blog), "similar", "2408.00001", "--json")
    found = [json.loads(line) for line in lines]
    assert len(found) == 5  # the other avatar papers: the protein papers share no word
    assert {p["id"] for p in found} == {f"2408.0000{n}" for n in range(2, 7)}
    _, papers_lines, _ = run(capsys, "--library", str(blog), "papers", "--json")
    fields = list(json.loads(papers_lines[0]))
    assert list(found[0]) == [*fields, "score"]
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)
    assert 0 < found[-1]["score"] <= found[0]["score"] <= 1


def test_similar_of_an_unknown_paper_is_a_clear_error(blog: Path, capsys) -> None:
    code, _, err = run(capsys, "--library", str(blog), "similar", "9999.99999")
    assert code != 0 and "unknown paper id" in err
