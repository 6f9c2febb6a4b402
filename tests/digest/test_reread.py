"""An entry read again from the lines the index noted (the viewer's analysis, reread.py)."""

from __future__ import annotations

import pytest

from readerapp.digest import parse_post
from readerapp.digest.reread import entry_in_post, reread_entry
from tests.helpers import CORPUS, digest, entry


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/posts is not present")
def test_every_corpus_entry_read_again_is_the_entry_the_post_gave() -> None:
    checked = 0
    for path in sorted(CORPUS.rglob("*.md")):
        data = path.read_bytes()
        post = parse_post(data, path.relative_to(CORPUS).as_posix()).post
        assert post is not None
        for parsed in post.entries:
            again = reread_entry(data, parsed.line, parsed.span, parsed.index)
            assert again == parsed, (path.name, parsed.index)
            checked += 1
    assert checked > 300


def _post(*texts: str) -> bytes:
    entries = [
        entry(title=f"Paper {i}", arxiv=f"2401.0000{i}", analysis=text)
        for i, text in enumerate(texts)
    ]
    return ("\ufeff" + digest(entries=entries).replace("\n", "\r\n")).encode()


def test_lines_that_no_longer_hold_an_entry_give_none() -> None:
    data = _post("First analysis.", "Second analysis.")
    second = parse_post(data, "p.md").post.entries[1]  # type: ignore[union-attr]
    assert reread_entry(data, second.line, second.span, 1).analysis == "Second analysis."
    assert reread_entry(data, second.line + 1, second.span, 1) is None  # not a heading
    assert reread_entry(data, second.line, second.span + 50, 1) is None  # past the end
    assert reread_entry(data, second.line, 0, 1) is None


def test_an_entry_is_found_again_by_its_paper_in_a_post_that_changed() -> None:
    data = _post("First analysis.", "Second analysis.")
    found = entry_in_post(data, "p.md", "2401.00001")
    assert found is not None and found.analysis == "Second analysis."
    assert entry_in_post(data, "p.md", "2401.09999") is None


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"])
def test_damaged_bytes_read_again_as_the_post_parse_read_them(ends: str) -> None:
    """Only the entry's lines are decoded again: an invalid byte or an escape in them is replaced
    or removed as when the whole post was decoded, whatever the line ends."""
    text = digest(entries=[entry(title=f"Paper {i}", arxiv=f"2401.0000{i}") for i in range(3)])
    data = (
        ("\ufeff" + text.replace("\n", ends))
        .encode()
        .replace(b"Abstract of Paper 1.", b"Abstract \xff of\x1b Paper 1.")
    )
    post = parse_post(data, "p.md").post
    assert post is not None and "\ufffd" in post.entries[1].abstract
    for parsed in post.entries:
        assert reread_entry(data, parsed.line, parsed.span, parsed.index) == parsed
