"""How a paper reads as a row of a tree (the topics tree, the days): one definition."""

from __future__ import annotations

from collections.abc import Sequence

from readerapp.render.latex import latex_to_text
from readerapp.store import PaperState

HIGHLIGHT = "◆ "  # a paper a watch rule highlighted


def paper_row(
    title: str, state: PaperState, tags: Sequence[str] = (), highlighted: bool = False
) -> str:
    """`◆ ★ #to cite+1  Title  ✎`: marks before the title, which a narrow pane cuts."""
    prefix = (HIGHLIGHT if highlighted else "") + ("★ " if state.starred else "")
    if tags:
        prefix += f"#{tags[0]}" + (f"+{len(tags) - 1}" if len(tags) > 1 else "") + "  "
    suffix = "  ✎" if state.note.strip() else ""
    return prefix + latex_to_text(title) + suffix
