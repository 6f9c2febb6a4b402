"""Papers to BibTeX entries that bibtex and biber accept without a warning."""

from __future__ import annotations

import re

from readerapp.export.common import (
    MONTHS,
    Options,
    closing,
    field,
    finish,
    head,
    locators,
    year_month,
)
from readerapp.export.latex import escape
from readerapp.library.records import PaperRecord


def entry_text(
    paper: PaperRecord, key: str, options: Options, note: str = "", tags: list[str] | None = None
) -> str:
    year, month = year_month(paper)
    lines = head("misc", paper, key, options.unicode)
    if not paper.authors:
        # plain.bst sorts by author, or by `key` when there is none (else it warns).
        plain = re.sub(r"[^\w\s-]", "", re.sub(r"\$[^$]*\$", "", paper.title))
        lines.append(field("key", escape(" ".join(plain.split())[:40], options.unicode)))
    if year:
        lines.append(field("year", str(year)))
    if month:
        lines.append(f"  month = {MONTHS[month - 1]},")
    if paper.arxiv_id:
        lines += [field("eprint", paper.arxiv_id), field("archivePrefix", "arXiv")]
    lines += locators(paper) + closing(paper, options, note, tags, "annote")
    return finish(lines)
