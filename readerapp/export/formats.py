"""The export in the format asked for, with keys that never change once exported."""

from __future__ import annotations

from readerapp.export.biblatex import biblatex_text
from readerapp.export.bibtex import entry_text
from readerapp.export.common import DEFAULT_OPTIONS, Entry, Options, year_month
from readerapp.export.csljson import csl_json
from readerapp.export.keys import assign_keys, base_key
from readerapp.library.records import PaperRecord


def citation_keys(
    papers: list[PaperRecord], style: str, pinned: dict[str, str] | None = None
) -> dict[str, str]:
    """paper id -> key: a pinned paper's own key; the others derived in `style`, unique
    among these papers and never one pinned to another paper (issue 17)."""
    pinned = pinned or {}
    fresh = [
        (p.id, base_key(style, p.authors, year_month(p)[0], p.title))
        for p in papers
        if p.id not in pinned
    ]
    keys = assign_keys(fresh, frozenset(pinned.values()))
    keys.update({p.id: pinned[p.id] for p in papers if p.id in pinned})
    return keys


def entries(
    papers: list[PaperRecord],
    notes: dict[str, str] | None = None,
    options: Options = DEFAULT_OPTIONS,
    tags: dict[str, list[str]] | None = None,
    pinned: dict[str, str] | None = None,
) -> list[Entry]:
    """One entry per paper (BibTeX or BibLaTeX), sorted by key; `pinned`: every paper's key
    pinned in the state store (the caller pins the new ones once they are written)."""
    notes = notes or {}
    tags = tags or {}
    keys = citation_keys(papers, options.key_style, pinned)
    text = biblatex_text if options.format == "biblatex" else entry_text
    made = [
        Entry(keys[p.id], p.id, text(p, keys[p.id], options, notes.get(p.id, ""), tags.get(p.id)))
        for p in papers
    ]
    return sorted(made, key=lambda e: e.key)


def bibliography(
    papers: list[PaperRecord],
    notes: dict[str, str] | None = None,
    options: Options = DEFAULT_OPTIONS,
    tags: dict[str, list[str]] | None = None,
    pinned: dict[str, str] | None = None,
) -> tuple[str, dict[str, str]]:
    """The whole export in `options.format`, and the keys it used (paper id -> key)."""
    if options.format == "csl-json":
        keys = citation_keys(papers, options.key_style, pinned)
        return csl_json(papers, keys, notes or {}, tags or {}, options.with_notes), keys
    made = entries(papers, notes, options, tags, pinned)
    return "\n".join(entry.text for entry in made), {e.paper_id: e.key for e in made}
