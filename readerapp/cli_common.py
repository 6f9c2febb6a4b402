"""What the commands share: opening the library, reading states, resolving ids, messages."""

from __future__ import annotations

import argparse
import sys

from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING
from readerapp.words import plural  # noqa: F401 (the commands' one import for it)

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from readerapp.library.library import Library
    from readerapp.library.records import PaperRecord
    from readerapp.session import Session
    from readerapp.store import StateStore


def say(message: str) -> None:
    print(f"readerapp: {message}", file=sys.stderr)


def open_library(
    session: Session,
    args: argparse.Namespace,
    *,
    quiet: bool = True,
    on_batch: Callable[[Library], None] | None = None,
) -> Library:
    """Open the library and bring its index up to date (only stat calls when nothing changed).
    `on_batch`: called after each batch a first index commits (the papers readable so far)."""
    library = session.open_library(session.library_root(args.library))
    opened: list[StateStore] = []

    def tagged(name: str) -> set[str]:  # `tag:NAME` in a search: the state store, when asked
        if not opened:
            opened.append(session.open_store())
        return opened[0].ids_tagged(name)

    library.tag_lookup = tagged
    report = library.update(on_batch=(lambda _posts: on_batch(library)) if on_batch else None)
    if report.busy:
        say("another readerapp is updating this library's index: showing what it has so far")
    if report.replaced_damaged:
        session.messages.append(report.replaced_damaged)
    errors = sum(p.severity == "error" for p in report.problems)
    if quiet and report.problems:
        say(
            f"{len(report.problems)} problem(s) in posts read now ({errors} skipped);"
            " run `readerapp index` to list them"
        )
    args.update_report = report
    if report.touched:  # new papers: the watch rules look at them once
        _apply_rules(session, library)
    return library


def _apply_rules(session: Session, library: Library) -> None:
    from readerapp.rules import apply_rules

    for applied in apply_rules(library, session.open_store()):
        say(applied.describe())


def state_of(store: StateStore, paper_ids: list[str]) -> dict[str, dict[str, Any]]:
    """What the user set on each paper that has anything: flags, note, tags."""
    found: dict[str, dict[str, Any]] = {
        paper_id: {"read": state.read, "starred": state.starred, "note": state.note}
        for paper_id, state in store.states(paper_ids).items()
    }
    for paper_id, tags in store.tags_of(paper_ids).items():
        found.setdefault(paper_id, {})["tags"] = tags
    return found


def pdf_paths(session: Session, papers: list[PaperRecord]) -> dict[str, str]:
    """The saved PDF of each paper that has one (`pdf` in the JSON), as an absolute path."""
    folder = session.locations.pdfs_dir
    if not folder.exists():  # nothing ever saved: not even the cache's database is opened
        return {}
    from readerapp.images.pdfs import open_cache, pdf_key

    cache = open_cache(folder)
    try:
        found = {}
        for paper in papers:
            key = pdf_key(paper)
            path = cache.path_of(key) if key else None
            if path is not None:
                found[paper.id] = str(path.resolve())
        return found
    finally:
        cache.close()


def resolve(library: Library, text: str) -> str:
    paper_id = library.resolve_id(text)
    if paper_id is None:
        raise UserError(f"unknown paper id: {text}")
    return paper_id


def resolve_all(library: Library, texts: list[str]) -> list[str]:
    """Every id must be known before anything changes."""
    unknown = [text for text in texts if library.resolve_id(text) is None]
    if unknown:
        raise UserError(f"unknown paper id(s): {', '.join(unknown)}; nothing was changed")
    return list(dict.fromkeys(resolve(library, text) for text in texts))
