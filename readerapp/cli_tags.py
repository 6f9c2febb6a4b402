"""`tag` and `tags` (DESIGN.md, contract; issue 15): tags on papers from the command line."""

from __future__ import annotations

import argparse

from readerapp.cli_common import open_library, resolve_all
from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.session import Session


def add_tag_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("ids", nargs="+", metavar="ID")
    sub.add_argument(
        "--add", action="append", default=[], metavar="NAME", help="add this tag (repeatable)"
    )
    sub.add_argument(
        "--remove", action="append", default=[], metavar="NAME", help="take it off (repeatable)"
    )


def cmd_tag(session: Session, args: argparse.Namespace) -> int:
    from readerapp.store.tags import TagError

    if not args.add and not args.remove:
        raise UserError("say what to do: --add NAME and/or --remove NAME")
    library = open_library(session, args)
    ids = resolve_all(library, args.ids)  # every id known first: else nothing changes
    try:
        changed = session.open_store().change_tags(ids, add=args.add, remove=args.remove)
    except TagError as error:
        raise UserError(f"{error}; nothing was changed") from error
    print(f"{len(ids)} paper(s) tagged ({changed} change{'' if changed == 1 else 's'})")
    return 0


def cmd_tags(session: Session, args: argparse.Namespace) -> int:
    for name, count in session.open_store().all_tags():
        print(f"{count:6}  {name}")
    return 0
