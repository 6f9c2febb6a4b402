"""`readerapp bibtex` (DESIGN.md, contract; issue 17): citations of the starred papers, a tag's
or the ids given, as BibTeX, BibLaTeX or CSL-JSON. A key, once exported, is pinned in the
state store and never changes; `--rekey` derives it again; `--watch` keeps a file current."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from readerapp.cli_common import open_library, resolve_all, say
from readerapp.errors import UserError
from readerapp.export.styles import STYLES as KEY_STYLES
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.library.library import Library
    from readerapp.session import Session
    from readerapp.store import StateStore

FORMATS = ("bibtex", "biblatex", "csl-json")


def add_bibtex_arguments(sub: argparse.ArgumentParser) -> None:
    chosen = sub.add_mutually_exclusive_group()
    chosen.add_argument("--starred", action="store_true", help="the starred papers (default)")
    chosen.add_argument("--tag", metavar="NAME", help="the papers with this tag")
    chosen.add_argument("ids", nargs="*", metavar="ID", default=[], help="these papers")
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    sub.add_argument(
        "--format", choices=FORMATS, default="bibtex", help="bibtex (default), biblatex, csl-json"
    )
    sub.add_argument(
        "--key-style",
        choices=KEY_STYLES,
        default="arxiv",
        help="for papers without a pinned key: arxiv: surname+year+four title words"
        " (default); short: surname+year+word; bbt: Better BibTeX's default",
    )
    sub.add_argument(
        "--rekey",
        nargs="+",
        metavar="ID",
        default=[],
        help="derive these papers' keys again (a key never changes otherwise once exported)",
    )
    sub.add_argument("--unicode", action="store_true", help="UTF-8 instead of LaTeX (biber)")
    sub.add_argument("--with-notes", action="store_true", help="your note as `annote`")
    sub.add_argument(
        "--watch",
        metavar="FILE",
        help="keep FILE up to date: rewrite it (atomically) whenever the export changes",
    )
    sub.add_argument("--watch-interval", type=float, default=1.0, help=argparse.SUPPRESS)


def selected(library: Library, store: StateStore, args: argparse.Namespace) -> list[str]:
    if args.ids:
        return resolve_all(library, args.ids)
    if args.tag:
        tagged = store.ids_tagged(args.tag)
        return [paper_id for paper_id in library.paper_ids() if paper_id in tagged]
    starred = store.ids_where("starred")
    return [paper_id for paper_id in library.paper_ids() if paper_id in starred]


def export_text(library: Library, store: StateStore, args: argparse.Namespace) -> tuple[str, int]:
    """The export of the selection; its keys are pinned (they are out now)."""
    from readerapp.export.common import Options
    from readerapp.export.formats import bibliography

    ids = selected(library, store, args)
    notes = {pid: state.note for pid, state in store.states(ids).items()}
    options = Options(args.key_style, args.unicode, args.with_notes, args.format)
    text, keys = bibliography(
        library.papers(ids), notes, options, store.tags_of(ids), store.pinned_keys()
    )
    store.pin_keys(keys)
    return text, len(ids)


def _write(path: Path, text: str) -> None:
    from readerapp.storage import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}") from error


def cmd_bibtex(session: Session, args: argparse.Namespace) -> int:
    library = open_library(session, args)
    store = session.open_store()
    if args.rekey:
        store.unpin_keys(resolve_all(library, args.rekey))
    if args.watch:
        return watch(session, args, Path(args.watch))
    text, count = export_text(library, store, args)
    if not count:
        what = f"has the tag {args.tag!r}" if args.tag else "is starred"
        say(f"no paper {what}: nothing to export")
    if args.output and args.output != "-":
        _write(Path(args.output), text)
        print(f"wrote {count} entr{'y' if count == 1 else 'ies'} to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def watch(session: Session, args: argparse.Namespace, path: Path) -> int:
    """Rewrite `path` whenever the export would change (a star, a note, a new post), until
    interrupted. Looks once per interval: a stat per post and one read of the state."""
    library = open_library(session, args)
    store = session.open_store()
    written: str | None = path.read_text(encoding="utf-8") if path.is_file() else None
    seen = None
    print(f"watching: {path} is rewritten when the export changes (Ctrl+C stops)", flush=True)
    try:
        while True:
            report = library.update()
            version = store.data_version()
            if seen is None or report.touched or version != seen:
                # The version read before the export: a star committed while it ran shows as a
                # change next time (read after, it was missed for good). Our own key pins do
                # not change it (SQLite counts other connections' commits only).
                seen = version
                text, count = export_text(library, store, args)
                if text != written:
                    _write(path, text)
                    written = text
                    print(f"wrote {count} entr{'y' if count == 1 else 'ies'} to {path}", flush=True)
            time.sleep(max(args.watch_interval, 0.05))
    except KeyboardInterrupt:
        return 0
