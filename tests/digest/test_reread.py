"""An entry read again from the lines the index noted (the viewer's analysis, reread.py)."""

from __future__ import annotations

import pytest

from readerapp.digest import parse_post
from readerapp.digest.reread import analysis_at, entry_in_post, reread_entry
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


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/posts is not present")
def test_every_corpus_analysis_read_from_its_lines_alone_is_the_parsed_one() -> None:
    """`show` and the viewer read an analysis from the lines after the entry's marker, without
    the entry parser: it must be the analysis the parse gave, screenshots out."""
    fast = 0
    for path in sorted(CORPUS.rglob("*.md")):
        data = path.read_bytes()
        post = parse_post(data, path.relative_to(CORPUS).as_posix()).post
        for parsed in post.entries if post else []:
            if parsed.analysis_line:
                last = parsed.line + parsed.span - 1
                assert analysis_at(data, parsed.analysis_line, last) == parsed.analysis
                fast += 1
    assert fast > 300  # nearly every entry: its analysis is all after the marker


def _entry_lines(*body: str) -> list[str]:
    marker = "**[ChatPaperFree](https://huggingface.co/spaces/Kedreamix/ChatPaperFree)**"
    pdf = "[PDF](http://arxiv.org/abs/2401.00001v1)"
    return [
        "## A Paper",
        "",
        "**Authors:Ada Lovelace**",
        "",
        "Abstract.",
        "",
        pdf,
        "",
        marker,
        *body,
    ]


SHOTS = ["<details>", "<img src='https://img.example/a.jpg'>", "</details>"]


@pytest.mark.parametrize(
    "before, after",
    [
        ([], ["", "The analysis.", "", "More of it.", ""]),
        (SHOTS, ["The analysis."]),  # screenshots above the marker: its place is shifted
        ([], ["Start.", *SHOTS, "", "<details>", "no image here", "</details>", "End."]),
        ([], ["The analysis.", "<details>", "<img src='u.png'>"]),  # never closed
        ([], []),  # the marker is the entry's last line: no analysis
        ([], ["", "", ""]),
    ],
)
def test_an_analysis_read_from_its_lines_is_the_parsed_one(before, after) -> None:
    lines = _entry_lines(*after)
    at = lines.index("## A Paper") + 1
    lines[at:at] = before
    text = "---\ntitle: t\n---\n" + "\n".join(lines) + "\n"
    data = text.encode()
    parsed = parse_post(data, "p.md").post.entries[0]  # type: ignore[union-attr]
    assert parsed.analysis_line > 0
    assert analysis_at(data, parsed.analysis_line, parsed.line + parsed.span - 1) == (
        parsed.analysis
    )


def test_an_analysis_that_starts_above_the_marker_is_left_to_the_parser() -> None:
    lines = _entry_lines("After the marker.")
    at = lines.index("[PDF](http://arxiv.org/abs/2401.00001v1)") + 2
    lines[at:at] = ["A loose line.", "", "**Summary**", "The summary.", ""]
    data = ("---\ntitle: t\n---\n" + "\n".join(lines)).encode()
    parsed = parse_post(data, "p.md").post.entries[0]  # type: ignore[union-attr]
    assert parsed.analysis.startswith("A loose line.")  # before the marker, in no labelled part
    assert parsed.analysis_line == 0


def test_lines_past_the_end_of_a_shorter_file_give_none() -> None:
    assert analysis_at(b"a\nb\n", 2, 40) is None
    assert analysis_at(b"a\nb\nc", 2, 3) == "b\nc"


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
