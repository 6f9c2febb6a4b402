"""Parse digest posts into plain records (no I/O beyond the bytes handed in).

Names are loaded on first use (PEP 562): a command that only reads the index never imports
the parser and its YAML and Markdown machinery (start-up time is a feature)."""

from __future__ import annotations

from importlib import import_module

from readerapp.lighttyping import TYPE_CHECKING

_WHERE = {
    "normalise_id": "ids",
    "paper_id": "ids",
    "parse_arxiv_id": "ids",
    "Link": "model",
    "PaperEntry": "model",
    "ParseResult": "model",
    "Post": "model",
    "Problem": "model",
    "parse_post": "parser",
}
__all__ = [
    "Link",
    "PaperEntry",
    "ParseResult",
    "Post",
    "Problem",
    "normalise_id",
    "paper_id",
    "parse_arxiv_id",
    "parse_post",
]

if TYPE_CHECKING:
    from typing import Any

    from readerapp.digest.ids import normalise_id, paper_id, parse_arxiv_id
    from readerapp.digest.model import Link, PaperEntry, ParseResult, Post, Problem
    from readerapp.digest.parser import parse_post


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
