"""The words of the command line before argparse sees them: the global options every command
takes, the command named, free-text values that start with `-`."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

LEVELS = ("debug", "info", "warning", "error")  # the choices of --log-level


def _untranslated(message: str) -> str:
    return message


def _untranslated_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


# argparse has gettext translate each of its own words ("usage", "options", ...), and gettext
# looks for a catalogue on disk every time (and imports locale): 2.2 ms of every command. The
# standard library ships no catalogue for argparse, so its messages are English either way.
argparse._ = _untranslated  # type: ignore[attr-defined]
argparse.ngettext = _untranslated_plural  # type: ignore[attr-defined]


@functools.cache  # argparse makes a formatter for every argument: ask once per command
def _terminal_width() -> int:
    """As `shutil.get_terminal_size` finds it (COLUMNS, else the terminal, else 80)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's own, but argparse makes one for every argument added and each imported
    `shutil` for the terminal's width: 6 ms (with the compressors it loads) of every command."""

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _terminal_width() - 2)  # argparse's margin
        super().__init__(prog, **options)


class Parser(argparse.ArgumentParser):
    """The command line's parser; its sub-commands' parsers are of this class too."""

    def __init__(self, *args: Any, **options: Any) -> None:
        options.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **options)


def add_globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Global options work before or after the command; a sub-command's copy never resets them."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=default,
        help="the folder of posts (remembered after first use)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="keep all data, cache and config under DIR (or READERAPP_DATA_DIR)",
    )
    parser.add_argument(
        "--log-level",
        choices=LEVELS,
        default="info" if top else argparse.SUPPRESS,
        help="how much goes to readerapp.log in the data folder (default: info)",
    )


def command_group(commands: argparse._SubParsersAction, name: str, help_text: str) -> Any:
    """A command made of actions (`state export`, `source add`): its actions' subparsers."""
    group = commands.add_parser(name, help=help_text)
    return group.add_subparsers(metavar="ACTION", required=True)


def add_action(
    actions: argparse._SubParsersAction, name: str, help_text: str, handler: Callable
) -> argparse.ArgumentParser:
    """One action of a command group, with the global options and its handler."""
    sub = actions.add_parser(name, help=help_text)
    add_globals(sub, top=False)
    sub.set_defaults(handler=handler)
    return sub


COMMANDS = (
    "index", "papers", "similar", "show", "fetch-images", "bibtex", "mark", "star", "unstar",
    "note", "state", "tag", "tags", "source", "pull", "config", "fetch-pdfs", "search",
)  # fmt: skip
_VALUE_OPTIONS = ("--library", "--data-dir", "--log-level")


def command_in(argv: Sequence[str]) -> str | None:
    """The command named in `argv`, found as argparse finds it (the first word that is not an
    option or a global option's value); None for the window, --help or anything unusual."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
        elif word in ("-h", "--help"):
            return None
    return None


class Unbuilt:
    """Stands for a sub-command's parser that this run does not need (building all of them
    costs ~20 ms of every command's start-up)."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        return None

    def add_mutually_exclusive_group(self, **kwargs: object) -> Unbuilt:
        return self

    def set_defaults(self, **kwargs: object) -> None:
        return None


# Options whose value is free text: `--query -gauss` is a query, not an unknown option.
_TEXT_OPTIONS = ("--query", "--set", "--append")


def glue_text_values(argv: list[str]) -> list[str]:
    """`--query -word` to `--query=-word`, which argparse reads as a value."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in _TEXT_OPTIONS and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out
