"""`readerapp papers`: the library's papers, filtered, one line (or one JSON object) each.

A first index of a large library takes minutes: then the listing is printed as the index
commits it (its batches come newest posts first), each paper once, the rest at the end. Not
--json: a paper's record lists every post it is in, which only the whole index knows."""

from __future__ import annotations

import argparse
import json
import sys

from readerapp.cli_common import open_library, pdf_paths, state_of
from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.library.library import Library
    from readerapp.session import Session
    from readerapp.store import StateStore


def _filtered(store: StateStore, args: argparse.Namespace, ids: list[str]) -> list[str]:
    """The papers among `ids` that the state filters (--starred, --tag, --read) keep."""
    if args.starred:
        starred = store.ids_where("starred")
        ids = [i for i in ids if i in starred]
    if args.tag:
        tagged = store.ids_tagged(args.tag)
        ids = [i for i in ids if i in tagged]
    if args.read or args.unread:
        read = store.ids_where("read")
        ids = [i for i in ids if (i in read) == bool(args.read)]
    return ids


def _print(
    session: Session, library: Library, store: StateStore, args: argparse.Namespace, ids: list[str]
) -> None:
    from readerapp.textview import paper_json, paper_line

    states = state_of(store, ids)
    out = sys.stdout
    if not args.json:  # one line each: titles only, not the papers' long texts
        rows = library.list_rows(ids)
        for paper_id in ids:
            if paper_id in rows:
                out.write(paper_line(paper_id, rows[paper_id][0], states.get(paper_id, {})) + "\n")
        out.flush()
        return
    papers = library.papers(ids)
    pdfs = pdf_paths(session, papers)
    for paper in papers:
        data = paper_json(paper, states.get(paper.id, {}), library.roots, pdfs.get(paper.id))
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    out.flush()


def cmd_papers(session: Session, args: argparse.Namespace) -> int:
    stores: list[StateStore] = []

    def store() -> StateStore:
        if not stores:
            stores.append(session.open_store())
        return stores[0]

    printed: set[str] = set()

    def print_batch(library: Library) -> None:
        """A first index committed a batch: its papers now."""
        new = [i for i in library.paper_ids() if i not in printed]
        printed.update(new)
        _print(session, library, store(), args, _filtered(store(), args, new))

    as_indexed = not (args.json or args.query or args.saved or args.sort)
    library = open_library(session, args, on_batch=print_batch if as_indexed else None)
    if args.query:
        ids = library.search(args.query)
        in_notes = store().search_notes(args.query) - set(ids)
        ids += [i for i in library.paper_ids() if i in in_notes]
    else:
        ids = library.paper_ids()
    if args.saved:
        saved = store().saved_search(args.saved)
        if saved is None:
            raise UserError(f"no saved search named {args.saved!r} (see `readerapp search list`)")
        found = set(library.search(saved.query))
        ids = [i for i in ids if i in found]
    ids = _filtered(store(), args, [i for i in ids if i not in printed])
    if args.sort:
        from readerapp.cli_interest import sorted_ids

        ids = sorted_ids(library, store(), ids, args.sort)
    _print(session, library, store(), args, ids)
    return 0
