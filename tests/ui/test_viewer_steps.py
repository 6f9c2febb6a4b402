"""A paper is shown in two steps: its first screen at once, then the long analysis and the
screenshots (issue 13: `j` lays out only what is seen first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont

from readerapp.ui.glyph_warmer import GlyphWarmer
from readerapp.ui.main_window import PRERENDER_DELAY_MS
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


def test_the_next_papers_characters_are_drawn_before_j_shows_it(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "blog"
    papers = [
        entry(title=f"Paper {n}", arxiv=f"2408.0000{n}v1", summary=summary)
        for n, summary in ((1, "高斯溅射。"), (2, "扩散模型。"), (3, "神经辐射场。"))
    ]
    write_digest(root, "3DGS", "2024-08-23 18:00:00", papers)
    window = open_window(qtbot, root, Opened())
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # to Paper 2: Paper 3 is drawn off screen
    qtbot.waitUntil(lambda: any("神经辐射场" in html for html in window.presenter.cache.values()))
    qtbot.wait(PRERENDER_DELAY_MS * 3)
    shown = window.viewer.toPlainText()
    following = next(html for html in window.presenter.cache.values() if "神经辐射场" in html)
    assert not window.viewer.warm(following)  # nothing in it left undrawn
    assert window.viewer.toPlainText() == shown  # and the reader's page was never touched


def test_the_warmer_draws_only_what_it_has_not_drawn_in_the_same_looks(qtbot) -> None:
    warmer = GlyphWarmer()
    font, size = QFont("Noto Sans", 11), QSize(600, 400)
    assert warmer.warm("<p>高斯溅射</p>", "", font, 18, size)
    assert not warmer.warm("<p>溅射高斯</p>", "", font, 18, size)  # the same characters
    assert warmer.warm("<p>高斯模型</p>", "", font, 18, size)  # 模 and 型 are new
    assert warmer.warm("<p>高斯</p>", "", QFont("Noto Sans", 14), 18, size)  # zoomed: redrawn
    assert warmer.warm("<p>高斯</p>", "p { font-weight: bold }", QFont("Noto Sans", 14), 18, size)
