"""Parse digest posts into plain dataclasses (no I/O beyond the bytes handed in)."""

from readerapp.digest.ids import normalise_id, paper_id, parse_arxiv_id
from readerapp.digest.model import Link, PaperEntry, ParseResult, Post, Problem
from readerapp.digest.parser import parse_post

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
