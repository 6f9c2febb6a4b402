"""Saved searches, watch rules and pinned keys in the window (issue 17)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from readerapp.cli import main
from readerapp.ui import navigation
from readerapp.ui.tree_items import is_virtual
from readerapp.ui.tree_model import UNREAD_ROLE
from tests.helpers import entry, write_digest
from tests.ui.helpers import Opened, open_window
from tests.ui.test_keys import press


def blog(root: Path) -> Path:
    write_digest(
        root,
        "3DGS",
        "2024-08-20 10:00:00",
        [
            entry(title="Gaussian avatar heads", arxiv="2408.00001v1"),
            entry(title="Gaussian avatar hands", arxiv="2408.00002v1"),
            entry(title="Protein folding", arxiv="2408.00003v1"),
        ],
    )
    return root


def top_rows(window) -> dict[str, object]:
    model = window.model
    return {model.data(model.index(r, 0)): model.index(r, 0) for r in range(model.rowCount())}


def test_saved_searches_show_with_unread_counts_and_a_rule_acts_on_new_papers(
    qtbot, tmp_path: Path, capsys
) -> None:
    root = blog(tmp_path / "blog")
    window = open_window(qtbot, root, Opened())
    window.settings.set("library", str(root))  # what the command line reads
    window.settings.set("mark_read", "never")  # z then undoes the rules, not a paper read
    assert main(["search", "save", "avatars", '"gaussian avatar"', "--then", "star"]) == 0
    assert main(["search", "save", "proteins", "protein", "--then", "highlight"]) == 0
    assert main(["search", "save", "cited", "tag:cite"]) == 0  # a saved search of a tag
    window.store.change_tags(["2408.00003"], add=["cite"])
    window.store.set_read(["2408.00001"], True)
    window.refresh_tree()  # as when `readerapp search save` ran beside the window
    saved = top_rows(window)["Saved searches"]
    lists = {
        window.model.data(window.model.index(r, 0, saved)): window.model.index(r, 0, saved)
        for r in range(window.model.rowCount(saved))
    }
    assert list(lists) == ["avatars", "cited", "proteins"]
    assert window.model.rowCount(lists["cited"]) == 1
    assert window.model.data(lists["avatars"], UNREAD_ROLE) == 1
    navigation.select(window.view, lists["avatars"])
    assert "2 papers, 1 unread" in window.viewer.toPlainText()

    # New posts arrive and are indexed: the rules act on the new papers only.
    write_digest(
        root,
        "3DGS",
        "2024-08-21 10:00:00",
        [entry(title="Gaussian avatar bodies", arxiv="2408.00011v1"),
         entry(title="Protein design", arxiv="2408.00013v1")],
    )  # fmt: skip
    window.reindex()
    qtbot.waitUntil(lambda: window.store.get("2408.00011").starred, timeout=15000)
    qtbot.waitUntil(lambda: "(z undoes)" in window.statusBar().currentMessage(), timeout=5000)
    assert "rule avatars: starred 1 new paper" in window.statusBar().currentMessage().lower()
    assert not window.store.get("2408.00002").starred  # already there: not new
    index = window.model.entry_index("3DGS", "Paper/2024-08-21/3DGS.md", 1)
    assert window.model.data(index).startswith("◆ ")  # highlighted by the proteins rule
    navigation.select(window.view, window.model.entry_index("3DGS", "Paper/2024-08-21/3DGS.md", 0))
    assert "Starred by rule avatars" in window.viewer.toPlainText()

    press(qtbot, window, Qt.Key.Key_Z)  # the last rule's step: the highlight
    assert window.store.highlighted() == set()
    assert not window.model.data(index).startswith("◆ ")
    press(qtbot, window, Qt.Key.Key_Z)  # then the star
    assert not window.store.get("2408.00011").starred

    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.help.palette_dialog
    qtbot.keyClicks(palette.field, "proteins")
    assert palette.results.currentItem().text().startswith("Saved search › proteins")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert is_virtual(window.current_item()) and window.current_item().node.title == "proteins"


def test_y_pins_the_key_it_copies(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, blog(tmp_path / "blog"), Opened())
    paper = window.current_paper_id()
    press(qtbot, window, Qt.Key.Key_Y)
    copied = QGuiApplication.clipboard().text()
    key = window.store.pinned_keys()[paper]
    assert copied.startswith(f"@misc{{{key},")
