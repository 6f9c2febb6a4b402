"""Papers as BibLaTeX `@online` entries: the arXiv id as `eprint` with `eprinttype = {arxiv}`
(and `eprintclass` where the id names its archive), a `date`, and biblatex's own field names
(`annotation`, `keywords`), as biber's data model has them."""

from __future__ import annotations

import re

from readerapp.export.common import Options, closing, field, finish, head, locators, year_month
from readerapp.library.records import PaperRecord

_OLD_STYLE = re.compile(r"^([a-z-]+(?:\.[A-Z]{2})?)/\d{7}$")  # cs/0112017, math.AG/0301001


def biblatex_text(
    paper: PaperRecord, key: str, options: Options, note: str = "", tags: list[str] | None = None
) -> str:
    year, month = year_month(paper)
    lines = head("online", paper, key, options.unicode)
    if year:
        lines.append(field("date", f"{year}-{month:02d}" if month else str(year)))
    if paper.arxiv_id:
        lines += [field("eprint", paper.arxiv_id), field("eprinttype", "arxiv")]
        old = _OLD_STYLE.match(paper.arxiv_id)
        if old:
            lines.append(field("eprintclass", old.group(1)))
        if paper.arxiv_version:
            lines.append(field("version", str(paper.arxiv_version)))
    lines += locators(paper) + closing(paper, options, note, tags, "annotation")
    return finish(lines)
