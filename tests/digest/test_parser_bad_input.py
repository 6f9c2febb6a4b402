"""Bad input is a problem report (file, line, message), never an exception."""

from __future__ import annotations

import os
import time

from readerapp.digest import parse_post
from tests.helpers import digest, entry


def test_no_front_matter_is_loaded_with_a_warning() -> None:
    result = parse_post(b"# Just a heading\n\nText.\n", "notes/plain.md")
    assert result.post is not None
    assert result.post.title == "plain"
    assert [(p.line, p.severity) for p in result.problems] == [(1, "warning")]
    assert "no front matter" in result.problems[0].message


def test_broken_yaml_is_reported_with_its_line_and_skipped() -> None:
    text = "---\ntitle: ok\ndate: [unclosed\ntags: x\n---\n\nBody\n"
    result = parse_post(text.encode(), "broken.md")
    assert result.post is None
    (problem,) = result.problems
    assert problem.severity == "error"
    assert problem.path == "broken.md"
    assert 3 <= problem.line <= 5
    assert "YAML" in problem.message


def test_unclosed_front_matter() -> None:
    result = parse_post(b"---\ntitle: x\n\nno closing line\n", "open.md")
    assert result.post is None
    assert "not closed" in result.problems[0].message


def test_invalid_utf8_is_replaced_and_reported() -> None:
    data = digest().encode() + b"\n\nbad byte here: \xff\xfe end\n"
    result = parse_post(data, "bad.md")
    assert result.post is not None and len(result.post.entries) == 1
    (problem,) = result.problems
    assert "invalid UTF-8" in problem.message
    assert problem.line == data.count(b"\n")


def test_bom_and_crlf_are_normal() -> None:
    data = b"\xef\xbb\xbf" + digest().replace("\n", "\r\n").encode()
    result = parse_post(data, "bom.md")
    assert result.problems == []
    e = result.post.entries[0]
    assert result.post.title == "3DGS"
    assert e.takeaways == ["First point.", "Second point."]
    assert "\r" not in e.analysis


def test_entry_cut_off_mid_way_keeps_what_is_there() -> None:
    whole = digest(entries=[entry(), entry(title="Cut Short", arxiv="2401.00002v1")])
    cut = whole[: whole.index("Abstract of Cut Short") + 10]
    result = parse_post(cut.encode(), "cut.md")
    first, second = result.post.entries
    assert first.summary == "One line about the paper."
    assert second.title == "Cut Short" and second.authors == ["Ada Lovelace", "Alan Turing"]
    assert any("no [PDF] link" in p.message and p.line > 1 for p in result.problems)


def test_unclosed_screenshot_block() -> None:
    text = digest()
    text = text[: text.index("</details>")]
    result = parse_post(text.encode(), "open-details.md")
    assert result.post.entries[0].screenshots == ["https://img.example/a.jpg"]
    assert any("never closed" in p.message for p in result.problems)


def test_two_megabyte_single_line_parses_quickly() -> None:
    long_line = "**" + "x" * (2 * 1024 * 1024) + "\n"
    data = (digest() + long_line).encode()
    started = time.perf_counter()
    result = parse_post(data, "long.md")
    assert time.perf_counter() - started < 5  # generous: this guards against regex blow-ups
    assert result.post.entries[0].analysis.endswith("x")


def test_binary_file_named_md_is_skipped() -> None:
    data = os.urandom(256) + b"\x00" + os.urandom(256)
    result = parse_post(data, "image.md")
    assert result.post is None
    assert result.problems[0].severity == "error"
    assert "binary" in result.problems[0].message


def test_empty_file() -> None:
    result = parse_post(b"", "empty.md")
    assert result.post is None and "empty" in result.problems[0].message


def test_front_matter_that_is_not_a_mapping() -> None:
    result = parse_post(b"---\n- a\n- b\n---\ntext\n", "list.md")
    assert result.post is None and "mapping" in result.problems[0].message


def test_problem_reads_as_file_line_message() -> None:
    result = parse_post(b"---\ntitle: [x\n---\n", "a/b.md")
    assert str(result.problems[0]).startswith("a/b.md:")
