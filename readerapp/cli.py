"""The command line (DESIGN.md, contract). Never imports Qt: the window is imported on demand."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from readerapp import __version__
from readerapp.cli_common import open_library, pdf_paths, resolve, resolve_all, say, state_of
from readerapp.cli_words import (
    Parser,
    Unbuilt,
    add_action,
    add_globals,
    command_group,
    command_in,
    glue_text_values,
)
from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from readerapp.session import Session

# Each command imports what it needs when it runs (a warm command costs start-up + ~60 ms):
# the BibTeX, rendering and download machinery are not loaded to list papers.

Handler = Callable[["Session", argparse.Namespace], int]


# -- commands ------------------------------------------------------------------------------------


def cmd_window(session: Session, args: argparse.Namespace) -> int:
    from readerapp.ui.app import run_window  # Qt only when the window is asked for

    return run_window(session, args.library, smoke_test=getattr(args, "smoke_test", False))


def cmd_index(session: Session, args: argparse.Namespace) -> int:
    library = session.open_library(session.library_root(args.library))
    report = library.update(rebuild=args.rebuild, wait=True)  # asked for: worth waiting
    if report.replaced_damaged:
        session.messages.append(report.replaced_damaged)
    counts = library.counts()
    read = report.added + report.changed
    print(
        f"Indexed {library.root} in {report.seconds:.2f} s: {read} post(s) read"
        f" ({report.added} new, {report.changed} changed), {report.removed} removed,"
        f" {report.unchanged} unchanged"
    )
    print(
        f"{counts.posts} posts ({counts.digests} digests), {counts.entries} entries,"
        f" {counts.papers} distinct papers"
        + (f"; {counts.skipped} file(s) skipped" if counts.skipped else "")
    )
    problems = library.stored_problems() if args.all_problems else report.problems
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if problems:
        say(f"{len(problems)} problem(s) reported above")
    return 0


def _tag(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_tags import cmd_tag

    return cmd_tag(session, args)


def _tags(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_tags import cmd_tags

    return cmd_tags(session, args)


def _similar(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_interest import cmd_similar

    return cmd_similar(session, args)


def _pull(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_sources import cmd_pull

    return cmd_pull(session, args)


def _fetch_pdfs(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_pdfs import cmd_fetch_pdfs

    return cmd_fetch_pdfs(session, args)


def _config(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_config import cmd_config

    return cmd_config(session, args)


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    from readerapp.textview import paper_json, paper_text

    library = open_library(session, args)
    paper = library.paper(resolve(library, args.id))
    assert paper is not None  # _resolve found it
    store = session.open_store()
    state = state_of(store, [paper.id]).get(paper.id, {})
    if args.html:
        from readerapp.images.cache import CachedImages
        from readerapp.render import RenderContext, render_paper

        # As the window shows it by default: light theme, first place it is listed.
        images = CachedImages(session.open_image_cache(), library.root)
        context = RenderContext(images=images, library_root=library.root, roots=library.roots)
        here = paper.posts[0] if paper.posts else None
        post = library.post(here.post_id) if here else None
        position = f"paper {here.index + 1} of {post.n_entries}" if here and post else ""
        html = render_paper(paper, store.get(paper.id), context, here, position)
        sys.stdout.write(html + "\n")
    elif args.json:
        pdf = pdf_paths(session, [paper]).get(paper.id)
        data = paper_json(paper, state, library.roots, pdf) | {"analysis": paper.analysis}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(paper_text(paper, state))
    return 0


def cmd_flag(session: Session, args: argparse.Namespace) -> int:
    """mark --read/--unread, star, unstar: set one flag on every id given (all known first)."""
    library = open_library(session, args)
    ids = resolve_all(library, args.ids)
    store = session.open_store()
    if args.flag == "read":
        changed = store.set_read(ids, args.value)
        word = "marked read" if args.value else "marked unread"
    else:
        changed = store.set_starred(ids, args.value)
        word = "starred" if args.value else "unstarred"
    print(f"{len(ids)} paper(s) {word} ({len(changed)} changed)")
    return 0


def cmd_note(session: Session, args: argparse.Namespace) -> int:
    library = open_library(session, args)
    paper_id = resolve(library, args.id)
    store = session.open_store()
    if args.set is not None:
        store.set_note(paper_id, args.set)
    elif args.append is not None:
        store.append_note(paper_id, args.append)
    elif args.clear:
        store.set_note(paper_id, "")
    else:
        note = store.get(paper_id).note
        if note:
            sys.stdout.write(note if note.endswith("\n") else note + "\n")
    return 0


def cmd_state_export(session: Session, args: argparse.Namespace) -> int:
    from readerapp.store import export_state

    data = export_state(session.open_store())
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.file == "-":
        sys.stdout.write(text)
    else:
        try:
            from readerapp.storage import write_atomic

            write_atomic(Path(args.file), text.encode("utf-8"))
        except OSError as error:
            raise UserError(f"cannot write {args.file}: {error.strerror or error}") from error
        print(f"exported the state of {len(data['papers'])} paper(s) to {args.file}")
    return 0


def cmd_state_import(session: Session, args: argparse.Namespace) -> int:
    from readerapp.store import StateFileError, import_state

    try:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
        data = json.loads(raw)
    except OSError as error:
        raise UserError(f"cannot read {args.file}: {error.strerror or error}") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise UserError(f"{args.file} is not valid JSON: {error}; nothing was imported") from error
    store = session.open_store()
    store.messages.clear()
    try:
        changed = import_state(store, data)
    except StateFileError as error:
        raise UserError(f"{args.file}: {error}; nothing was imported") from error
    print(f"imported {args.file}: {changed} field(s) taken (newer than what was here)")
    for message in store.messages:  # citation keys pinned differently here and there
        say(message)
    return 0


def cmd_fetch_images(session: Session, args: argparse.Namespace) -> int:
    from readerapp.images.fetch import run_pass
    from readerapp.progress import ProgressBar

    library = open_library(session, args)
    store = session.open_store()
    urls = library.screenshot_urls()
    cache = session.open_image_cache()
    bar = ProgressBar("Downloading screenshots")
    summary = run_pass(cache, urls, retry_failed=args.retry_failed, jobs=args.jobs, progress=bar)
    evicted = session.image_keep_policy(library, store).apply(cache)
    for line in summary.lines():
        print(line)
    print(
        f"{summary.seconds:.1f} s; cache: {cache.total_bytes() / 2**20:.1f} MB in {cache.folder}"
        + (
            f"; {evicted} least recently used image(s) removed to stay under the limit"
            if evicted
            else ""
        )
    )
    return 0


def _bibtex(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_bibtex import cmd_bibtex

    return cmd_bibtex(session, args)


def _papers(session: Session, args: argparse.Namespace) -> int:
    from readerapp.cli_papers import cmd_papers

    return cmd_papers(session, args)


# -- parser --------------------------------------------------------------------------------------


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just that sub-command (the others unbuilt)."""
    parser = Parser(
        prog="readerapp",
        description="Triage daily arXiv paper digests. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"readerapp {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, wait until it has painted, exit 0",
    )
    add_globals(parser, top=True)
    parser.set_defaults(handler=cmd_window)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> Any:
        if only is not None and name != only:
            return Unbuilt()
        sub = commands.add_parser(name, help=help_text, description=help_text)
        add_globals(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("index", cmd_index, "scan the library and update the index; print counts")
    sub.add_argument("--rebuild", action="store_true", help="throw the index away and rebuild it")
    sub.add_argument(
        "--all-problems",
        action="store_true",
        help="list the problems of every post, not only of posts read now",
    )

    sub = command("papers", _papers, "list papers (one per distinct paper)")
    sub.add_argument("--json", action="store_true", help="one JSON object per line")
    sub.add_argument("--query", metavar="TEXT", help="full-text search, most relevant first")
    sub.add_argument("--starred", action="store_true", help="only starred papers")
    sub.add_argument("--tag", metavar="NAME", help="only papers with this tag")
    sub.add_argument("--saved", metavar="NAME", help="only the papers a saved search finds")
    which = sub.add_mutually_exclusive_group()
    which.add_argument("--unread", action="store_true", help="only unread papers")
    which.add_argument("--read", action="store_true", help="only read papers")
    sub.add_argument(
        "--sort",
        choices=("interest", "date", "relevance"),
        help="interest: most like your starred papers first; date: newest first; relevance: the"
        " search's order (default with --query; otherwise the tree's order)",
    )

    sub = command("tag", _tag, "add tags to papers, or take them off")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_tags import add_tag_arguments

        add_tag_arguments(sub)
    command("tags", _tags, "every tag with its number of papers")

    sub = command("similar", _similar, "the papers most like one paper (by their words)")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_interest import add_similar

        add_similar(sub)

    sub = command("show", cmd_show, "print one paper")
    sub.add_argument("id", metavar="ID", help="arXiv id (with or without version) or t: id")
    form = sub.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="as JSON, with the analysis")
    form.add_argument("--html", action="store_true", help="the HTML the viewer shows")

    sub = command(
        "fetch-images",
        cmd_fetch_images,
        "download every screenshot not yet cached (for reading offline)",
    )
    sub.add_argument(
        "--retry-failed",
        action="store_true",
        help="also try again those that failed for good (404, not an image)",
    )
    sub.add_argument("--jobs", type=int, default=6, metavar="N", help="downloads at once")

    sub = command("bibtex", _bibtex, "citations of starred papers (or of a tag, or the ids given)")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_bibtex import add_bibtex_arguments

        add_bibtex_arguments(sub)

    sub = command("mark", cmd_flag, "mark papers read or unread")
    sub.add_argument("ids", nargs="+", metavar="ID")
    flag = sub.add_mutually_exclusive_group(required=True)
    flag.add_argument("--read", dest="value", action="store_true", help="mark read")
    flag.add_argument("--unread", dest="value", action="store_false", help="mark unread")
    sub.set_defaults(flag="read")
    for name, value, text in (("star", True, "star papers"), ("unstar", False, "unstar papers")):
        sub = command(name, cmd_flag, text)
        sub.add_argument("ids", nargs="+", metavar="ID")
        sub.set_defaults(flag="starred", value=value)

    sub = command("note", cmd_note, "print, set, append to or clear a paper's note")
    sub.add_argument("id", metavar="ID")
    action = sub.add_mutually_exclusive_group()
    action.add_argument("--set", metavar="TEXT", help="replace the note")
    action.add_argument("--append", metavar="TEXT", help="add a paragraph to the note")
    action.add_argument("--clear", action="store_true", help="delete the note")

    sub = command("pull", _pull, "bring the git sources up to date; print their new posts")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_sources import add_pull_arguments

        add_pull_arguments(sub)
    sub = command("fetch-pdfs", _fetch_pdfs, "save papers' PDFs for reading offline")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_pdfs import add_fetch_pdfs_arguments

        add_fetch_pdfs_arguments(sub)
    sub = command("config", _config, "read or set a setting (no KEY: list them all)")
    if not isinstance(sub, Unbuilt):
        from readerapp.cli_config import add_config_arguments

        add_config_arguments(sub)
    if only is None or only == "source":
        from readerapp.cli_sources import add_source_commands

        add_source_commands(commands)
    if only is None or only == "search":
        from readerapp.cli_searches import add_search_commands

        add_search_commands(commands)
    if only is not None and only != "state":
        return parser
    actions = command_group(commands, "state", "export or import all read/starred/note state")
    sub = add_action(actions, "export", "write all state as JSON (- for stdout)", cmd_state_export)
    sub.add_argument("file", metavar="FILE")
    sub = add_action(
        actions, "import", "merge a JSON export; the newer change wins", cmd_state_import
    )
    sub.add_argument("file", metavar="FILE")
    return parser


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_stdio()
    words = glue_text_values(list(sys.argv[1:] if argv is None else argv))
    args = build_parser(command_in(words)).parse_args(words)
    # After parsing: --version and --help load nothing of this.
    import sqlite3

    from readerapp.logsetup import get_logger
    from readerapp.logsetup import setup as setup_logging
    from readerapp.session import Session
    from readerapp.storage import is_corruption

    try:
        session = Session.start(args.data_dir)
        setup_logging(session.locations.log_dir, args.log_level, lazily=True)
        for message in session.messages:
            say(message)
        session.messages.clear()
        try:
            code = args.handler(session, args)
        except sqlite3.DatabaseError as error:
            # A cache damaged where the opening checks did not look: set it aside, run again.
            if not (is_corruption(error) and session.repair_damaged_index()):
                raise
            code = args.handler(session, args)
        for message in session.messages:
            say(message)
        return code
    except UserError as error:
        say(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # `readerapp papers | head`: not an error
        return 0
    except (sqlite3.Error, OSError) as error:  # locked, full, read-only: one line, then the log
        get_logger("readerapp.cli").exception("command failed")
        say(f"{type(error).__name__}: {error}; nothing more was changed")
        return 1
