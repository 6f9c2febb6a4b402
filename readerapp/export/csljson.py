"""Papers as CSL-JSON, the citation data Zotero, pandoc and citeproc read: one item per
paper, `type` "article" (CSL's type for preprints), names split into family and given,
dates as date-parts, the arXiv id as `number` with `publisher` arXiv and the arXiv DOI."""

from __future__ import annotations

import json

from readerapp.export.common import year_month
from readerapp.export.names import split_name
from readerapp.library.records import PaperRecord
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.render.latex import latex_to_text

if TYPE_CHECKING:
    from typing import Any


def csl_name(name: str) -> dict[str, str]:
    if name.strip().lower().rstrip(".") in ("et al", "others"):
        return {"literal": "others"}
    first, von, last, jr = split_name(name)
    person = {"family": last}
    if first:
        person["given"] = first
    if von:
        person["non-dropping-particle"] = von
    if jr:
        person["suffix"] = jr
    return person


def csl_item(paper: PaperRecord, key: str, note: str = "", tags: list[str] | None = None) -> dict:
    item: dict[str, Any] = {"id": key, "type": "article", "title": latex_to_text(paper.title)}
    authors = [csl_name(a) for a in paper.authors if a.strip()]
    if authors:
        item["author"] = authors
    year, month = year_month(paper)
    if year:
        item["issued"] = {"date-parts": [[year, month] if month else [year]]}
    if paper.arxiv_id:
        item.update(
            {
                "publisher": "arXiv",
                "number": f"arXiv:{paper.arxiv_id}",
                "DOI": f"10.48550/arXiv.{paper.arxiv_id}",
                "URL": f"https://arxiv.org/abs/{paper.arxiv_id}",
            }
        )
        if paper.arxiv_version:
            item["version"] = str(paper.arxiv_version)
    elif paper.pdf_url or paper.links:
        item["URL"] = paper.pdf_url or paper.links[0].url
    if paper.abstract:
        item["abstract"] = latex_to_text(paper.abstract)
    if paper.comment:
        item["note"] = paper.comment
    if tags:
        item["keyword"] = ", ".join(tags)
    if note.strip():
        item["annote"] = note
    return item


def csl_json(
    papers: list[PaperRecord],
    keys: dict[str, str],
    notes: dict[str, str],
    tags: dict[str, list[str]],
    with_notes: bool = False,
) -> str:
    items = [
        csl_item(p, keys[p.id], notes.get(p.id, "") if with_notes else "", tags.get(p.id))
        for p in sorted(papers, key=lambda p: keys[p.id])
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
