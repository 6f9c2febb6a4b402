"""BibTeX export: escaping, case, names, keys; parsed by bibtexparser and pybtex; run through
the real `bibtex` with plain.bst without a warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest

from readerapp.digest.model import Link
from readerapp.export.common import Options
from readerapp.export.formats import entries
from readerapp.export.keys import base_key
from readerapp.export.latex import escape, title_value
from readerapp.export.names import bibtex_name
from readerapp.library.library import Library
from readerapp.library.records import Occurrence, PaperRecord


def paper(title: str, authors: list[str], arxiv: str | None = "2410.13726", **extra) -> PaperRecord:
    fields = dict(
        id=arxiv or "t:" + title[:8],
        title=title,
        authors=authors,
        arxiv_id=arxiv,
        arxiv_version=1 if arxiv else None,
        pdf_url=f"http://arxiv.org/abs/{arxiv}v1" if arxiv else None,
        comment="",
        abstract="",
        summary="",
        takeaways=[],
        analysis="",
        screenshots=[],
        links=[],
        posts=[Occurrence(1, "Paper/2024-08-23/3DGS.md", "3DGS", "2024-08-23T18:00:00", 0)],
    )
    fields.update(extra)
    return PaperRecord(**fields)


TRICKY = [
    paper(
        "I$^2$OL-Net: Objectness & Detection at 100% Recall",
        ["Jürgen Müller", "Zoë Østergaard"],
        "2412.00001",
    ),
    paper(
        "NeRF vs. 3DGS: #1 Survey of 2D_to_3D {Lifting} ~ \\Fast",
        ["Łukasz Kaiser", "Søren Hauberg"],
        "2412.00002",
        comment="Accepted to CVPR 2024 (Highlight). Code: https://x.io/a_b#c",
    ),
    paper(
        "DAWN: Dynamic Frame Avatar", ["Hanbo Cheng", "Limin Lin", "Yu-Xiong Wang"], "2410.13726"
    ),
    paper("DAWN: Dynamic Frame Avatar Revisited", ["Hanbo Cheng"], "2410.99999"),
    paper(
        "Self-Supervised Learning: A Survey",
        ["Bastien van Delft", "Carlos de la Torre", "Kedreamix", "Jan-Niklas Dihlmann"],
        "2401.00003",
    ),
    paper(
        "A Paper Without an arXiv Id",
        ["José García", "Zhenhui Ye"],
        None,
        pdf_url="https://example.org/paper.pdf",
    ),
    paper(
        "Authorless Technical Note on $\\sim$10x Speed-Ups",
        [],
        None,
        links=[Link("https://example.org/note", "project")],
    ),
    paper("Old Style", ["Ada Lovelace"], "cs/0112017"),
]


def test_escaping_keeps_math_and_escapes_specials() -> None:
    assert escape("50% of A&B #1 x_y {z} ~ ^ \\ $5") == (
        r"50\% of A\&B \#1 x\_y \textbraceleft{}z\textbraceright{} \textasciitilde{}"
        r" \textasciicircum{} \textbackslash{} \$5"
    )
    assert escape("I$^2$OL-Net and $\\alpha$-blend") == "I$^2$OL-Net and $\\alpha$-blend"
    assert (
        escape("Müller, Łódź, Øre, Nießner") == r"M{\"u}ller, {\L}{\'o}d{\'z}, {\O}re, Nie{\ss}ner"
    )
    assert escape("Müller", unicode=True) == "Müller"


def test_words_that_keep_their_case_are_braced() -> None:
    assert title_value("NeRF and 3DGS in 2D: DAWN of X-Ray Gaussian Splatting") == (
        "{NeRF} and {3DGS} in {2D:} {DAWN} of {X-Ray} Gaussian Splatting"
    )
    assert title_value("I$^2$OL-Net Works") == "{I$^2$OL-Net} Works"


@pytest.mark.parametrize(
    ("name", "bibtex"),
    [
        ("Jan-Niklas Dihlmann", "Dihlmann, Jan-Niklas"),
        ("Hendrik P. A. Lensch", "Lensch, Hendrik P. A."),
        ("Bastien van Delft", "van Delft, Bastien"),
        ("Carlos de la Torre", "de la Torre, Carlos"),
        ("Kedreamix", "Kedreamix"),
        ("Zhenhui Ye", "Ye, Zhenhui"),
        ("Matthias Nießner", r"Nie{\ss}ner, Matthias"),
        ("Søren Hauberg", r"Hauberg, S{\o}ren"),
        ("John Smith Jr.", "Smith, Jr., John"),
    ],
)
def test_author_names(name: str, bibtex: str) -> None:
    assert bibtex_name(name) == bibtex


def test_key_styles() -> None:
    authors = ["Ashish Vaswani", "Noam Shazeer"]
    title = "Attention Is All You Need"
    assert base_key("arxiv", authors, 2017, title) == "vaswani2017attentionallyouneed"
    assert base_key("short", authors, 2017, title) == "vaswani2017attention"
    assert base_key("bbt", authors, 2017, title) == "vaswaniAttentionAllYou2017"
    assert (
        base_key("arxiv", ["Jürgen Müller"], 2024, "I$^2$OL-Net: a Test") == "muller2024iolnettest"
    )


def test_clashing_keys_get_letters_and_do_not_depend_on_order() -> None:
    one = paper("Deep Nets", ["Ann Smith"], "2401.00010")
    two = paper("Deep Nets", ["Bob Smith"], "2401.00020")
    keys = [e.key for e in entries([one, two], options=Options(key_style="short"))]
    assert keys == ["smith2024deepa", "smith2024deepb"]
    assert [e.key for e in entries([two, one], options=Options(key_style="short"))] == keys


def test_entry_fields() -> None:
    (entry,) = entries([paper("Title", ["Ada Lovelace"], "2410.13726", comment="CVPR 2024")])
    assert "month = oct," in entry.text and "year = {2024}" in entry.text
    assert "eprint = {2410.13726}" in entry.text and "archivePrefix = {arXiv}" in entry.text
    assert "doi = {10.48550/arXiv.2410.13726}" in entry.text
    assert "url = {https://arxiv.org/abs/2410.13726}" in entry.text
    assert "note = {CVPR 2024}" in entry.text
    no_id = entries([TRICKY[5]])[0].text
    assert "year = {2024}" in no_id and "url = {https://example.org/paper.pdf}" in no_id
    assert "eprint" not in no_id
    with_note = entries(
        [TRICKY[2]], {"2410.13726": "Read §3\n\nthen 50%"}, Options(with_notes=True)
    )
    assert r"annote = {Read {\textsection}3 then 50\%}" in with_note[0].text


def parse_both(text: str) -> tuple[bibtexparser.Library, pybtex.database.BibliographyData]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return library, pybtex.database.parse_string(text, "bibtex")


@pytest.mark.parametrize("unicode", [False, True])
def test_parsers_read_every_entry_with_its_authors(unicode: bool) -> None:
    made = entries(TRICKY, options=Options(unicode=unicode))
    parsed, data = parse_both("\n".join(e.text for e in made))
    assert len(parsed.entries) == len(TRICKY) == len(data.entries)
    by_id = {p.id: p for p in TRICKY}
    for entry in made:
        persons = data.entries[entry.key].persons.get("author", [])
        assert len(persons) == len(by_id[entry.paper_id].authors), entry.key
    if unicode:
        assert "Müller" in str(
            data.entries["muller2024iolnetobjectnessdetection"].persons["author"][0]
        )


def run_bibtex(tmp_path: Path, text: str, keys: list[str]) -> tuple[str, str]:
    if shutil.which("bibtex") is None:
        pytest.skip("bibtex is not installed (packaging/bootstrap.sh installs it)")
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    citations = "".join(f"\\citation{{{key}}}\n" for key in keys)
    (tmp_path / "doc.aux").write_text(citations + "\\bibstyle{plain}\n\\bibdata{refs}\n")
    result = subprocess.run(
        ["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, result.stdout + log
    assert "Warning" not in log and "error" not in log.lower(), log
    return (tmp_path / "doc.bbl").read_text(encoding="utf-8", errors="replace"), log


def test_real_bibtex_accepts_the_tricky_entries(tmp_path: Path) -> None:
    made = entries(TRICKY)
    bbl, _log = run_bibtex(tmp_path, "\n".join(e.text for e in made), [e.key for e in made])
    for entry in made:
        assert f"\\bibitem{{{entry.key}}}" in bbl
    flat = " ".join(bbl.split())
    assert "{NeRF}" in flat and "{3DGS:}" in flat and "{DAWN:}" in flat and "{I$^2$OL-Net:}" in flat


def test_real_bibtex_accepts_the_whole_corpus(corpus: Path, tmp_path: Path) -> None:
    library = Library(corpus, tmp_path / "index.sqlite3")
    library.update()
    made = entries(library.papers(library.paper_ids()))
    assert len({e.key for e in made}) == 336
    text = "\n".join(e.text for e in made)
    parsed, data = parse_both(text)
    assert len(parsed.entries) == 336
    by_id = {p.id: p for p in library.papers(library.paper_ids())}
    for entry in made:
        assert len(data.entries[entry.key].persons.get("author", [])) == len(
            by_id[entry.paper_id].authors
        )
    bbl, _log = run_bibtex(tmp_path, text, [e.key for e in made])
    assert bbl.count("\\bibitem{") == 336
