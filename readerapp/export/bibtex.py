"""Papers to BibTeX entries that bibtex and biber accept without a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from readerapp.digest.ids import arxiv_year_month
from readerapp.digest.text import remove_control
from readerapp.export.keys import assign_keys, base_key
from readerapp.export.latex import balanced, escape, title_value
from readerapp.export.names import authors_value
from readerapp.library.records import PaperRecord

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Options:
    key_style: str = "arxiv"  # "arxiv", "short" or "bbt"
    unicode: bool = False  # UTF-8 instead of LaTeX commands (for biber)
    with_notes: bool = False  # the personal note as `annote`


@dataclass(frozen=True)
class Entry:
    key: str
    paper_id: str
    text: str


def year_month(paper: PaperRecord) -> tuple[int | None, int | None]:
    """From a new-style arXiv id (2410.13726: October 2024), else the year of its post."""
    found = arxiv_year_month(paper.arxiv_id) if paper.arxiv_id else None
    if found:
        return found
    first = paper.posts[0].date if paper.posts else ""
    return (int(first[:4]), None) if first[:4].isdigit() else (None, None)


def _field(name: str, value: str) -> str:
    if not balanced(value):  # a last guard: one bad field must not swallow the file
        value = value.replace("{", "").replace("}", "")
    return f"  {name} = {{{value}}},"


def _url(url: str) -> str:
    """A URL as a field value: braces, backslashes, spaces and quotes percent-encoded, so it
    can neither end the field nor add one (`https://e.org/x},note={...`)."""
    return quote(remove_control(url.strip()), safe="/:?#[]@!$&'()*+,;=%-._~")


def entry_text(
    paper: PaperRecord, key: str, options: Options, note: str = "", tags: list[str] | None = None
) -> str:
    year, month = year_month(paper)
    lines = [f"@misc{{{key},", _field("title", title_value(paper.title, options.unicode))]
    if paper.authors:
        lines.append(_field("author", authors_value(paper.authors, options.unicode)))
    else:
        # plain.bst sorts by author, or by `key` when there is none (else it warns).
        plain = re.sub(r"[^\w\s-]", "", re.sub(r"\$[^$]*\$", "", paper.title))
        lines.append(_field("key", escape(" ".join(plain.split())[:40], options.unicode)))
    if year:
        lines.append(_field("year", str(year)))
    if month:
        lines.append(f"  month = {MONTHS[month - 1]},")
    if paper.arxiv_id:
        lines += [
            _field("eprint", paper.arxiv_id),
            _field("archivePrefix", "arXiv"),
            _field("doi", f"10.48550/arXiv.{paper.arxiv_id}"),
            _field("url", f"https://arxiv.org/abs/{paper.arxiv_id}"),
        ]
    elif paper.pdf_url or paper.links:
        lines.append(_field("url", _url(paper.pdf_url or paper.links[0].url)))
    if paper.comment:
        lines.append(_field("note", escape(paper.comment, options.unicode)))
    if tags:  # biblatex and most styles read `keywords` as a comma-separated list
        lines.append(_field("keywords", escape(", ".join(tags), options.unicode)))
    if options.with_notes and note.strip():
        flat = " ".join(note.split())  # one paragraph: a blank line would end the field
        lines.append(_field("annote", escape(flat, options.unicode)))
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def entries(
    papers: list[PaperRecord],
    notes: dict[str, str] | None = None,
    options: Options = Options(),
    tags: dict[str, list[str]] | None = None,
) -> list[Entry]:
    """One entry per paper, keys unique across the set, sorted by key."""
    notes = notes or {}
    tags = tags or {}
    bases = [
        (p.id, base_key(options.key_style, p.authors, year_month(p)[0], p.title)) for p in papers
    ]
    keys = assign_keys(bases)
    made = [
        Entry(
            keys[p.id],
            p.id,
            entry_text(p, keys[p.id], options, notes.get(p.id, ""), tags.get(p.id)),
        )
        for p in papers
    ]
    return sorted(made, key=lambda e: e.key)


def bibliography(
    papers: list[PaperRecord],
    notes: dict[str, str] | None = None,
    options: Options = Options(),
    tags: dict[str, list[str]] | None = None,
) -> str:
    return "\n".join(entry.text for entry in entries(papers, notes, options, tags))
