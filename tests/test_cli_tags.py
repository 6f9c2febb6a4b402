"""`tag`, `tags`, `papers --tag`, `bibtex --tag`, `tags` in JSON (DESIGN.md contract, issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import listed_ids, write_two_subjects
from tests.helpers import run_cli as run


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return write_two_subjects(tmp_path / "blog", avatars=3, proteins=2)


def test_tag_papers_list_tags_and_filter_by_one(blog: Path, capsys) -> None:
    lib = ("--library", str(blog))
    code, out, _ = run(capsys, *lib, "tag", "2408.00001", "2408.00002v1", "--add", "To Cite",
                       "--add", "高斯")  # fmt: skip
    assert code == 0 and "2 paper(s)" in out
    run(capsys, *lib, "tag", "2408.00100", "--add", "to cite")
    code, out, _ = run(capsys, *lib, "tags")
    assert out.splitlines() == ["     3  To Cite", "     2  高斯"]
    code, out, _ = run(capsys, *lib, "papers", "--tag", "TO CITE")
    assert sorted(line.split()[0] for line in out.splitlines()) == [
        "2408.00001", "2408.00002", "2408.00100",
    ]  # fmt: skip
    run(capsys, *lib, "tag", "2408.00001", "--remove", "高斯")
    code, out, _ = run(capsys, *lib, "papers", "--json", "--tag", "高斯")
    (paper,) = [json.loads(line) for line in out.splitlines()]
    assert paper["id"] == "2408.00002" and paper["tags"] == ["To Cite", "高斯"]
    code, out, _ = run(capsys, *lib, "show", "2408.00001", "--json")
    assert json.loads(out)["tags"] == ["To Cite"]
    code, out, _ = run(capsys, *lib, "papers", "--json")
    assert all(isinstance(json.loads(line)["tags"], list) for line in out.splitlines())


def test_unknown_ids_or_a_bad_tag_change_nothing(blog: Path, capsys) -> None:
    lib = ("--library", str(blog))
    code, _, err = run(capsys, *lib, "tag", "2408.00001", "9999.99999", "--add", "queue")
    assert code != 0 and "9999.99999" in err
    code, _, err = run(capsys, *lib, "tag", "2408.00001", "--add", "  ")
    assert code != 0 and "empty" in err
    code, _, err = run(capsys, *lib, "tag", "2408.00001")
    assert code != 0 and "--add" in err
    code, out, _ = run(capsys, *lib, "tags")
    assert out == ""


def test_bibtex_of_a_tag_has_the_tags_as_keywords(blog: Path, capsys) -> None:
    lib = ("--library", str(blog))
    run(
        capsys, *lib, "tag", "2408.00001", "2408.00003", "--add", "related work", "--add", "avatars"
    )
    code, out, _ = run(capsys, *lib, "bibtex", "--tag", "Related Work")
    assert code == 0 and out.count("@misc{") == 2
    assert "keywords = {related work, avatars}" in out
    code, _, err = run(capsys, *lib, "bibtex", "--tag", "nothing")
    assert code == 0 and "no paper has the tag" in err


def test_tag_in_a_search_combines_with_everything_else(blog: Path, capsys) -> None:
    lib = ("--library", str(blog))
    run(capsys, *lib, "tag", "2408.00001", "2408.00100", "--add", "to cite")
    run(capsys, *lib, "tag", "2408.00002", "--add", "queue")

    def found(query: str) -> list[str]:
        _, out, _ = run(capsys, *lib, "papers", "--query", query)
        return sorted(listed_ids(out))

    assert found('tag:"To Cite"') == ["2408.00001", "2408.00100"]
    assert found('tag:"to cite" gaussian') == ["2408.00001"]
    assert found("gaussian -tag:queue") == ["2408.00001", "2408.00003"]
    assert found('tag:queue tag:"to cite"') == []
    assert found("tag:nothing") == []


def test_the_trees_filter_reads_tags_too(blog: Path, tmp_path: Path) -> None:
    from readerapp.library.library import Library
    from readerapp.library.query import split_tags
    from readerapp.library.tree import Tree, View
    from readerapp.store import StateStore

    store = StateStore(tmp_path / "state.sqlite3", tmp_path / "backups")
    store.change_tags(["2408.00002", "2408.00101"], add=["Queue"])
    library = Library(blog, tmp_path / "index.sqlite3")
    library.update()
    tree = Tree(library, store.path)
    assert sorted(tree.paper_ids(View(query="tag:queue"))) == ["2408.00002", "2408.00101"]
    assert tree.paper_ids(View(query="tag:queue avatar")) == ["2408.00002"]
    assert "2408.00002" not in tree.paper_ids(View(query="-tag:QUEUE"))
    assert split_tags('gaussian tag:"to cite" -tag:x') == (
        "gaussian",
        split_tags('tag:"to cite" -tag:x')[1],
    )
