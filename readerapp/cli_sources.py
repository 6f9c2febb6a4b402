"""`source add|list|remove` and `pull` (DESIGN.md, contract; issue 16): git repositories and
other folders as sources of posts, brought up to date on demand."""

from __future__ import annotations

import argparse
import time

from readerapp.cli_common import plural, say
from readerapp.cli_words import add_action, command_group
from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.library.library import Library
    from readerapp.session import Session


def add_source_commands(commands: argparse._SubParsersAction) -> None:
    actions = command_group(commands, "source", "the library's sources: git repositories, folders")
    sub = add_action(
        actions, "add", "follow a git repository (cloned now) or a folder", cmd_source_add
    )
    sub.add_argument("location", metavar="URL_OR_DIR")
    sub.add_argument("--path", default="", metavar="SUBDIR", help="the posts folder inside it")
    sub.add_argument("--name", metavar="NAME", help="what to call it (default: from the URL)")
    add_action(actions, "list", "every source, with its last pull", cmd_source_list)
    sub = add_action(
        actions, "remove", "stop following a source (your state is kept)", cmd_source_remove
    )
    sub.add_argument("name", metavar="NAME")


def add_pull_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--reset",
        action="store_true",
        help="take the remote's version even when its history was rewritten",
    )


def _reindex(session: Session, args: argparse.Namespace) -> Library:
    """The library indexed with the sources as they are now."""
    library = session.open_library(session.library_root(args.library))
    library.update(wait=True)
    return library


def cmd_source_add(session: Session, args: argparse.Namespace) -> int:
    from readerapp.library.roots import MARK
    from readerapp.sources.pull import pull_source
    from readerapp.sources.registry import GIT

    sources = session.sources()
    source = sources.new(args.location, args.path, args.name)
    if source.kind == GIT:
        print(f"cloning {source.location} …", flush=True)
        sources.add(source)
        pulled = pull_source(sources, source)
        if not pulled.ok:
            sources.remove(source.name)  # a source that cannot be read is not added
            raise UserError(f"{source.name}: {pulled.error}; the source was not added")
        posts = len(pulled.new_posts)
    else:
        sources.add(source)
        posts = None
    folder = sources.posts_folder(source)
    if not folder.is_dir():
        sources.remove(source.name)
        raise UserError(f"{source.name}: no folder {source.subdir!r} in {source.location}")
    library = _reindex(session, args)
    new = library.new_papers(library.paths_under(f"{MARK}{source.name}/"))
    found = f"{plural(posts, 'post')}, " if posts is not None else ""
    print(f"added {source.name} ({source.kind}, {folder}): {found}{plural(len(new), 'new paper')}")
    return 0


def _has_library(session: Session, args: argparse.Namespace) -> bool:
    try:
        session.library_root(args.library)
    except UserError:
        return False
    return True


def _ago(moment: float | None) -> str:
    if moment is None:
        return "never pulled"
    minutes = (time.time() - moment) / 60
    if minutes < 90:
        return f"pulled {minutes:.0f} min ago"
    if minutes < 48 * 60:
        return f"pulled {minutes / 60:.0f} h ago"
    return f"pulled {minutes / 1440:.0f} days ago"


def cmd_source_list(session: Session, args: argparse.Namespace) -> int:
    from readerapp.library.roots import MAIN
    from readerapp.sources.registry import GIT

    remembered = session.settings.get("library")
    if remembered:
        print(f"{MAIN:16}  folder  {remembered}  (the library folder)")
    sources = session.sources()
    for source in sources.items:
        where = source.location + (f"  --path {source.subdir}" if source.subdir else "")
        if source.kind == GIT:
            commit = f" at {source.commit[:10]}" if source.commit else ""
            print(f"{source.name:16}  git     {where}  ({_ago(source.last_pull)}{commit})")
        else:
            print(f"{source.name:16}  folder  {where}")
    if not remembered and not sources.items:
        say("no sources yet: `readerapp source add URL_OR_DIR [--path SUBDIR]`")
    return 0


def cmd_source_remove(session: Session, args: argparse.Namespace) -> int:
    sources = session.sources()
    source = sources.remove(args.name)
    if _has_library(session, args):
        _reindex(session, args)
    what = "its clone deleted" if source.kind == "git" else "the folder itself is untouched"
    print(f"removed {source.name} ({what}); your read, starred, notes and tags are kept")
    return 0


def cmd_pull(session: Session, args: argparse.Namespace) -> int:
    from readerapp.sources.pull import describe, pull_all

    sources = session.sources()
    if not any(s.kind == "git" for s in sources.items):
        raise UserError("no git source to pull: `readerapp source add URL [--path SUBDIR]`")
    results = pull_all(sources, reset=args.reset)
    library = _reindex(session, args)
    for pulled in results:
        line = describe(pulled, len(library.new_papers(pulled.indexed_paths())))
        print(line) if pulled.ok else say(line)
    return 0 if all(p.ok for p in results) else 1
