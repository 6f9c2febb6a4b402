"""`readerapp fetch-pdfs [--starred | --tag NAME | ID...]` (DESIGN.md, contract; issue 16):
papers' PDFs saved for reading offline."""

from __future__ import annotations

import argparse

from readerapp.cli_common import open_library, resolve_all, say
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.session import Session


def add_fetch_pdfs_arguments(sub: argparse.ArgumentParser) -> None:
    chosen = sub.add_mutually_exclusive_group()
    chosen.add_argument("--starred", action="store_true", help="the starred papers (default)")
    chosen.add_argument("--tag", metavar="NAME", help="the papers with this tag")
    chosen.add_argument("ids", nargs="*", metavar="ID", default=[], help="these papers")
    sub.add_argument(
        "--retry-failed",
        action="store_true",
        help="also try again those that failed for good (404)",
    )


def cmd_fetch_pdfs(session: Session, args: argparse.Namespace) -> int:
    from readerapp.images.pdfs import fetch_pdfs
    from readerapp.progress import ProgressBar

    library = open_library(session, args)
    store = session.open_store()
    if args.ids:
        ids = resolve_all(library, args.ids)
    elif args.tag:
        tagged = store.ids_tagged(args.tag)
        ids = [i for i in library.paper_ids() if i in tagged]
        if not ids:
            say(f"no paper has the tag {args.tag!r}: no PDF to fetch")
    else:
        starred = store.ids_where("starred")
        ids = [i for i in library.paper_ids() if i in starred]
        if not ids:
            say("no paper is starred: no PDF to fetch (or name papers: fetch-pdfs ID...)")
    cache = session.open_pdf_cache()
    try:
        summary = fetch_pdfs(
            cache,
            library.papers(ids),
            mirror=session.settings.get("arxiv_mirror"),
            retry_failed=args.retry_failed,
            progress=ProgressBar("Downloading PDFs"),
        )
        evicted = session.pdf_keep_policy(library, store).apply(cache)
        for line in summary.lines():
            print(line)
        for paper_id, reason in summary.failed.items():
            say(f"{paper_id}: {reason}")
        print(
            f"{summary.seconds:.1f} s; PDFs: {cache.total_bytes() / 2**20:.1f} MB in"
            f" {cache.folder}"
            + (
                f"; {evicted} least recently used PDF(s) removed to stay under the limit"
                if evicted
                else ""
            )
        )
    finally:
        cache.close()
    return 1 if summary.failed else 0
