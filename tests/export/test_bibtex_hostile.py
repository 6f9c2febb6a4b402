"""BibTeX that a post cannot turn against the user: a stray brace, "math" that runs commands,
a URL that adds fields (issue 10)."""

from __future__ import annotations

from pathlib import Path

from readerapp.export.formats import bibliography, entries
from readerapp.export.latex import balanced, escape
from tests.export.test_bibtex import paper, parse_both, run_bibtex

HOSTILE = [
    paper("An { unbalanced title", ["Ada Lovelace"], "2401.00001"),
    paper("Closing } first", ["Alan Turing"], "2401.00002", comment="Accepted } to {CVPR"),
    paper("Math $\\{x$ half open", ["Grace Hopper"], "2401.00003"),
    paper("Reads $\\input{/etc/passwd}$ and $\\write18{rm -rf ~}$", ["Evil One"], "2401.00004"),
    paper(
        "A URL that adds fields",
        ["Mallory Person"],
        None,
        pdf_url="https://e.org/x},note={\\input{/etc/passwd}},title={x",
    ),
    paper("A well behaved $\\sim 3\\times$ title with $\\mathbf{x}_i$", ["Bob Nice"], "2401.00006"),
]


def test_every_field_has_balanced_braces() -> None:
    for made in entries(HOSTILE):
        for line in made.text.splitlines()[1:-1]:
            assert balanced(line), line


def test_real_bibtex_keeps_every_entry(tmp_path: Path) -> None:
    made = entries(HOSTILE)
    bbl, _log = run_bibtex(tmp_path, "\n".join(e.text for e in made), [e.key for e in made])
    assert bbl.count("\\bibitem{") == len(HOSTILE)


def test_only_math_that_is_math_is_kept() -> None:
    text, _keys = bibliography(HOSTILE)
    assert "\\input{" not in text and "\\write18{" not in text
    assert "$\\sim 3\\times$" in text and "$\\mathbf{x}_i$" in text


def test_math_with_a_command_that_is_not_math_is_escaped_as_text() -> None:
    expected = r"\$\textbackslash{}input\textbraceleft{}x\textbraceright{}\$"
    assert escape(r"$\input{x}$") == expected


def test_a_url_cannot_add_fields() -> None:
    parsed, _data = parse_both(bibliography(HOSTILE)[0])
    assert not parsed.failed_blocks
    by_title = {e.fields_dict["title"].value: e for e in parsed.entries}
    (evil,) = [e for t, e in by_title.items() if "URL" in t]
    assert set(evil.fields_dict) == {"title", "author", "year", "url"}
    assert "%7D" in evil.fields_dict["url"].value
