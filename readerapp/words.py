"""Small wording helpers shared by the command line and the window."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """`1 post`, `2 posts`."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")
