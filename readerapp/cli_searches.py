"""`readerapp search save|list|remove` (DESIGN.md; issue 17): saved searches, and rules that act
on newly indexed papers (`--then star|read|tag:NAME|highlight`)."""

from __future__ import annotations

import argparse

from readerapp.cli_common import open_library, plural, say
from readerapp.cli_words import add_action, command_group
from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.session import Session


def add_search_commands(commands: argparse._SubParsersAction) -> None:
    actions = command_group(commands, "search", "saved searches and watch rules")
    sub = add_action(
        actions, "save", "save a search (with --then: a rule for new papers)", cmd_search_save
    )
    sub.add_argument("name", metavar="NAME")
    sub.add_argument("query", metavar="QUERY", help="in the search syntax (see README)")
    sub.add_argument(
        "--then",
        default="",
        metavar="ACTION",
        help="star, read, tag:NAME or highlight: done to each newly indexed paper it finds",
    )
    add_action(
        actions, "list", "every saved search, with how many papers it finds", cmd_search_list
    )
    sub = add_action(
        actions, "remove", "forget a saved search (what its rule did stays)", cmd_search_remove
    )
    sub.add_argument("name", metavar="NAME")


def cmd_search_save(session: Session, args: argparse.Namespace) -> int:
    from readerapp.rules import action_done, apply_rules
    from readerapp.store.searches import SearchError

    library = open_library(session, args)
    store = session.open_store()
    apply_rules(library, store)  # what is in the library now is not new to the rule
    try:
        saved = store.save_search(args.name, args.query, args.then)
    except SearchError as error:
        raise UserError(f"{error}; nothing was saved") from error
    found = plural(len(library.search(saved.query)), "paper")
    rule = f"; each new paper it finds is {action_done(saved.action)}" if saved.action else ""
    print(f"saved {saved.name!r}: {saved.query} ({found} now){rule}")
    return 0


def cmd_search_list(session: Session, args: argparse.Namespace) -> int:
    store = session.open_store()
    searches = store.saved_searches()
    if not searches:
        say('no saved search yet: `readerapp search save NAME "QUERY" [--then ACTION]`')
        return 0
    library = open_library(session, args)
    for search in searches:
        then = f"  --then {search.action}" if search.action else ""
        print(f"{len(library.search(search.query)):6}  {search.name}: {search.query}{then}")
    return 0


def cmd_search_remove(session: Session, args: argparse.Namespace) -> int:
    if not session.open_store().remove_search(args.name):
        raise UserError(f"no saved search named {args.name!r} (see `readerapp search list`)")
    print(f"removed the saved search {args.name!r}; what its rule did is kept")
    return 0
