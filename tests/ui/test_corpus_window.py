"""The window on the real corpus: walk every entry with j; each one shows in the viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from readerapp.render.latex import latex_to_text
from readerapp.ui.tree_items import EntryItem
from tests.ui.helpers import Opened, open_window


def test_every_corpus_entry_shows_in_the_viewer(qtbot, corpus: Path) -> None:
    window = open_window(qtbot, corpus, Opened())
    seen = []
    while True:
        item = window.current_item()
        assert isinstance(item, EntryItem)
        text = window.viewer.toPlainText()
        assert latex_to_text(item.node.title) in text, item.node.title
        assert "Summary" in text and "Abstract" in text
        seen.append((item.parent.node.path, item.node.index))
        before = seen[-1]
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        after = window.current_item()
        if (after.parent.node.path, after.node.index) == before:
            break
    assert len(seen) == 366 and len(set(seen)) == 366
    assert "336 papers · 0 unread" in window.counts_label.text()
