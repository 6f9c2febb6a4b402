"""The identity rule (DESIGN.md, contract)."""

from __future__ import annotations

import hashlib

import pytest

from readerapp.digest.ids import normalise_id, paper_id, parse_arxiv_id, parse_arxiv_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://arxiv.org/abs/2410.13726v2", ("2410.13726", 2)),
        ("https://arxiv.org/pdf/2410.13726v1.pdf", ("2410.13726", 1)),
        ("https://arxiv.org/abs/2401.03890", ("2401.03890", None)),
        ("http://arxiv.org/abs/0704.0001v1", ("0704.0001", 1)),
        ("http://arxiv.org/abs/cs/0112017v1", ("cs/0112017", 1)),
        ("http://arxiv.org/abs/math.GT/0309136", ("math.GT/0309136", None)),
        ("https://example.org/paper.pdf", None),
    ],
)
def test_parse_arxiv_url(url: str, expected: tuple[str, int | None] | None) -> None:
    assert parse_arxiv_url(url) == expected


def test_bare_ids_and_user_input() -> None:
    assert parse_arxiv_id("2410.13726v2") == ("2410.13726", 2)
    assert parse_arxiv_id("arXiv:2410.13726") == ("2410.13726", None)
    assert normalise_id(" 2410.13726v3 ") == "2410.13726"
    assert normalise_id("t:ABCDEF123456") == "t:abcdef123456"


def test_title_id_uses_lowercased_collapsed_title() -> None:
    expected = "t:" + hashlib.sha1(b"a b c").hexdigest()[:12]
    assert paper_id(None, "  A \n B\tC ") == expected
    assert paper_id("2410.13726", "whatever") == "2410.13726"
