"""What the export formats share: the options, the date of a paper, safe field values."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from readerapp.digest.ids import arxiv_year_month
from readerapp.digest.text import remove_control
from readerapp.export.latex import balanced, escape, title_value
from readerapp.export.names import authors_value
from readerapp.library.records import PaperRecord

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


FORMATS = ("bibtex", "biblatex", "csl-json")


@dataclass(frozen=True)
class Options:
    key_style: str = "arxiv"  # "arxiv", "short" or "bbt"
    unicode: bool = False  # UTF-8 instead of LaTeX commands (for biber)
    with_notes: bool = False  # the personal note as `annote`
    format: str = "bibtex"  # one of FORMATS


DEFAULT_OPTIONS = Options()


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


def field(name: str, value: str) -> str:
    if not balanced(value):  # a last guard: one bad field must not swallow the file
        value = value.replace("{", "").replace("}", "")
    return f"  {name} = {{{value}}},"


def url_value(url: str) -> str:
    """A URL as a field value: braces, backslashes, spaces and quotes percent-encoded, so it
    can neither end the field nor add one (`https://e.org/x},note={...`)."""
    return quote(remove_control(url.strip()), safe="/:?#[]@!$&'()*+,;=%-._~")


def head(kind: str, paper: PaperRecord, key: str, unicode: bool) -> list[str]:
    """An entry's first lines: `@kind{key,`, its title and (when it has them) its authors."""
    lines = [f"@{kind}{{{key},", field("title", title_value(paper.title, unicode))]
    if paper.authors:
        lines.append(field("author", authors_value(paper.authors, unicode)))
    return lines


def closing(
    paper: PaperRecord, options: Options, note: str, tags: list[str] | None, annotation: str
) -> list[str]:
    """An entry's last fields: the PDF line's comment, the tags, the note (as `annotation`)."""
    lines = []
    if paper.comment:
        lines.append(field("note", escape(paper.comment, options.unicode)))
    if tags:  # biblatex and most styles read `keywords` as a comma-separated list
        lines.append(field("keywords", escape(", ".join(tags), options.unicode)))
    if options.with_notes and note.strip():
        flat = " ".join(note.split())  # one paragraph: a blank line would end the field
        lines.append(field(annotation, escape(flat, options.unicode)))
    return lines


def locators(paper: PaperRecord) -> list[str]:
    """Where the paper is: the arXiv DOI and abstract page, else its own link, if any."""
    if paper.arxiv_id:
        return [
            field("doi", f"10.48550/arXiv.{paper.arxiv_id}"),
            field("url", f"https://arxiv.org/abs/{paper.arxiv_id}"),
        ]
    if paper.pdf_url or paper.links:
        return [field("url", url_value(paper.pdf_url or paper.links[0].url))]
    return []


def finish(lines: list[str]) -> str:
    """The entry's text: no comma after its last field."""
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"
