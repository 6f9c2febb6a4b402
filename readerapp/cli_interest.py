"""`papers --sort` and `similar` (DESIGN.md, contract): the order of what to read next."""

from __future__ import annotations

import argparse
import json
import sys

from readerapp.cli_common import open_library, pdf_paths, resolve, say, state_of
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.library.library import Library
    from readerapp.rank.ranking import Interest
    from readerapp.session import Session
    from readerapp.store import StateStore


def interest_of(library: Library, store: StateStore) -> Interest:
    from readerapp.rank import ranking, vectors

    paper_vectors = vectors.for_library(library)
    return ranking.fit(paper_vectors, store.ids_where("starred"))


def newest_first(library: Library, ids: list[str]) -> list[str]:
    """By the date of each paper's newest post; ties keep their order (tree order)."""
    rows = library.list_rows(ids)
    return sorted(ids, key=lambda i: rows[i][1] if i in rows else "", reverse=True)


def sorted_ids(library: Library, store: StateStore, ids: list[str], how: str) -> list[str]:
    """`ids` in the order asked for. `relevance` is the search's own order (without a query:
    the tree's); `interest` needs a few stars, else it says so and sorts newest first."""
    if how == "date":
        return newest_first(library, ids)
    if how == "interest":
        from readerapp.rank.ranking import MIN_STARS

        interest = interest_of(library, store)
        if interest.trained:
            return interest.ranked(ids)
        say(
            f"ranking by interest learns from your stars: star at least {MIN_STARS} papers"
            f" (starred now: {interest.stars}); sorted newest first"
        )
        return newest_first(library, ids)
    return ids


def cmd_similar(session: Session, args: argparse.Namespace) -> int:
    from readerapp.rank import ranking, vectors
    from readerapp.textview import paper_json, paper_line

    library = open_library(session, args)
    paper_id = resolve(library, args.id)
    found = ranking.similar(vectors.for_library(library), paper_id, max(0, args.n))
    store = session.open_store()
    ids = [i for i, _ in found]
    scores = dict(found)
    states = state_of(store, ids)
    out = sys.stdout
    if args.json:
        papers = library.papers(ids)
        pdfs = pdf_paths(session, papers)
        for paper in papers:
            state = states.get(paper.id, {})
            data = paper_json(paper, state, library.roots, pdfs.get(paper.id)) | {
                "score": round(scores[paper.id], 4)
            }
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        return 0
    rows = library.list_rows(ids)
    for i in ids:
        if i in rows:
            out.write(f"{paper_line(i, rows[i][0], states.get(i, {}))}  ({scores[i]:.2f})\n")
    return 0


def add_similar(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("id", metavar="ID", help="arXiv id (with or without version) or t: id")
    sub.add_argument("-n", type=int, default=10, metavar="N", help="how many (default 10)")
    sub.add_argument("--json", action="store_true", help="one JSON object per line, with score")
