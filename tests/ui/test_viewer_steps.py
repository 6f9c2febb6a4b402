"""A paper is shown in two steps: its first screen at once, then the long analysis and the
screenshots (issue 13: `j` lays out only what is seen first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from readerapp.ui.viewer import REST_DELAY_MS
from tests.helpers import entry, write_digest
from tests.ui.helpers import Opened, open_window

LONG = "\n\n".join(f"Paragraph {i} of the analysis, long enough to fill a line." for i in range(80))


def _blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    papers = [
        entry(title=f"Paper {n}", arxiv=f"2408.0000{n}v1", analysis=f"{LONG}\n\nEnd of {n}.")
        for n in range(1, 5)
    ]
    write_digest(root, "3DGS", "2024-08-23 18:00:00", papers)
    return root


def test_the_first_screen_at_once_and_the_analysis_a_moment_later(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path), Opened())
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    shown = window.viewer.toPlainText()
    assert "Paper 2" in shown and "Abstract of Paper 2." in shown
    assert "End of 2." not in shown  # not laid out yet
    qtbot.waitUntil(lambda: "End of 2." in window.viewer.toPlainText(), timeout=REST_DELAY_MS * 20)


def test_keys_in_quick_succession_show_each_first_screen_only(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path), Opened())
    for title in ("Paper 2", "Paper 3", "Paper 4"):
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        assert title in window.viewer.toPlainText()
        assert "End of" not in window.viewer.toPlainText()
    qtbot.waitUntil(lambda: "End of 4." in window.viewer.toPlainText(), timeout=REST_DELAY_MS * 20)


def test_space_scrolls_into_the_analysis_instead_of_skipping_it(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path), Opened())
    window.resize(1000, 1400)  # the first screen fits: its own bottom is in sight
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.current_item().node.title == "Paper 2"  # still here, scrolled
    assert window.viewer.verticalScrollBar().value() > 0
    assert "End of 2." in window.viewer.toPlainText()


def test_a_star_keeps_the_reader_where_they_were_in_the_analysis(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, _blog(tmp_path), Opened())
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    bar = window.viewer.verticalScrollBar()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    where = bar.value()
    assert where > 0
    assert "★" not in window.viewer.toPlainText()
    qtbot.keyClick(window.view, Qt.Key.Key_S)  # the header changes: rendered again
    assert "★" in window.viewer.toPlainText()
    assert bar.value() == where
