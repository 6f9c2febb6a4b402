"""Saved searches and watch rules (issue 17): a rule acts once, on newly indexed papers only,
never over a state set by hand, as one undo step named after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from readerapp.session import Session
from tests.helpers import entry, listed_ids, write_digest
from tests.helpers import run_cli as run


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    write_digest(
        root,
        "3DGS",
        "2024-08-20 10:00:00",
        [
            entry(title="Gaussian avatar heads", arxiv="2408.00001v1", authors="Ada Nießner"),
            entry(title="A survey of gaussian avatars", arxiv="2408.00002v1"),
            entry(title="Protein folding", arxiv="2408.00003v1"),
        ],
    )
    return root


def test_rules_act_once_on_new_papers_and_not_over_the_user(capsys, blog: Path) -> None:
    code, out, err = run(
        capsys, "--library", str(blog), "search", "save", "avatars", '"gaussian avatar" -survey',
        "--then", "star",
    )  # fmt: skip
    assert code == 0, err
    assert "saved 'avatars'" in out and "1 paper now" in out
    run(capsys, "search", "save", "queue", "protein", "--then", "tag:to read")
    run(capsys, "search", "save", "people", "author:Nießner")  # a saved search, no rule
    code, out, _ = run(capsys, "search", "list")
    assert "avatars" in out and "--then star" in out and "people: author:Nießner" in out
    assert run(capsys, "papers", "--starred")[1] == ""  # the library already there: not new

    run(capsys, "unstar", "2408.00012")  # unknown: an error, nothing changes
    write_digest(
        blog,
        "3DGS",
        "2024-08-21 10:00:00",
        [
            entry(title="Gaussian avatar bodies", arxiv="2408.00011v1"),
            entry(title="Gaussian avatar hands", arxiv="2408.00012v1"),
            entry(title="Protein design", arxiv="2408.00013v1"),
            entry(title="A survey of gaussian avatar methods", arxiv="2408.00014v1"),
        ],
    )
    code, out, err = run(capsys, "papers", "--starred")  # indexing the new post applies rules
    assert listed_ids(out) == ["2408.00011", "2408.00012"]
    assert "rule avatars: starred 2 new papers" in err
    assert "rule queue: tagged to read 1 new paper" in err
    assert listed_ids(run(capsys, "papers", "--tag", "to read")[1]) == ["2408.00013"]
    assert listed_ids(run(capsys, "papers", "--saved", "people")[1]) == ["2408.00001"]

    run(capsys, "unstar", "2408.00012")  # by hand: the rule never acts on it again
    (blog / "Paper/2024-08-21/3DGS.md").touch()
    code, out, err = run(capsys, "papers", "--starred")
    assert listed_ids(out) == ["2408.00011"] and "rule" not in err

    store = Session.start().open_store()
    marks = store.rule_marks(["2408.00011", "2408.00013"])
    assert marks == {"2408.00011": [("avatars", "star")], "2408.00013": [("queue", "tag:to read")]}
    assert run(capsys, "search", "remove", "people")[0] == 0
    assert run(capsys, "papers", "--saved", "people")[0] == 2


def test_a_rule_is_one_undo_step_named_after_it(tmp_path: Path, blog: Path) -> None:
    from readerapp.rules import apply_rules

    session = Session.start()
    library = session.open_library(blog)
    library.update()
    store = session.open_store()
    store.save_search("hl", "gaussian", "highlight")
    store.save_search("rd", "gaussian", "read")
    assert apply_rules(library, store) == []  # first look: everything is old
    write_digest(
        blog, "3DGS", "2024-08-22 10:00:00", [entry(title="Gaussian fur", arxiv="2408.00021v1")]
    )
    library.update()
    applied = apply_rules(library, store)
    assert [a.describe() for a in applied] == [
        "rule hl: highlighted 1 new paper",
        "rule rd: marked read 1 new paper",
    ]
    assert store.highlighted() == {"2408.00021"} and store.get("2408.00021").read
    assert store.last_undo_reason() == "rd"
    store.undo()
    assert not store.get("2408.00021").read and store.highlighted() == {"2408.00021"}
    assert store.last_undo_reason() == "hl"
    store.undo()
    assert store.highlighted() == set() and store.rule_marks(["2408.00021"]) == {}
    assert apply_rules(library, store) == []  # seen: a rule acts once


def test_bad_rules_are_refused(capsys, blog: Path) -> None:
    code, _, err = run(
        capsys, "--library", str(blog), "search", "save", "x", "q", "--then", "delete"
    )
    assert code == 2 and "--then is one of star, read, highlight or tag:NAME" in err
    code, _, err = run(capsys, "search", "save", "x", "  ")
    assert code == 2 and "needs a query" in err
    assert run(capsys, "search", "list")[2].startswith("readerapp: no saved search yet")
