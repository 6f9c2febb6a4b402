"""The window as a triage desk (issue 12): each defect found by a new user, driven by real key
events on a real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from readerapp.render.theme import DARK, LIGHT
from readerapp.store import StateStore
from readerapp.ui.main_window import MainWindow
from tests.helpers import build_blog, entry, write_digest
from tests.images.server import png
from tests.ui.helpers import Opened, open_window, shown_paper_ids

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or window.view
    qtbot.keyClick(target, key, modifier)


def search(qtbot, window: MainWindow, text: str) -> None:
    press(qtbot, window, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search, text)
    qtbot.waitUntil(lambda: window.model.view.query == text, timeout=3000)


def test_searching_an_arxiv_id_finds_the_paper(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "2408.00003")
    assert "2408.00003" in shown_paper_ids(window)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_paper_id() == "2408.00003"


def test_a_filtered_view_opens_its_results_and_counts_right(qtbot, window: MainWindow) -> None:
    window.store.set_starred(["2408.00003"], True)  # Gamma, paper 3 of 3
    press(qtbot, window, Qt.Key.Key_S, SHIFT)
    gamma = window.model.entry_index("3DGS", "Paper/2024-08-23/3DGS.md", 2)
    assert gamma.isValid() and window.view.isExpanded(gamma.parent())  # shown, not buried
    window.view.setCurrentIndex(gamma)
    assert window.position_label.text().endswith("3/3")  # not "3/1"
    assert "paper 3 of 3" in window.viewer.toPlainText()


def test_a_search_with_no_result_says_so(qtbot, window: MainWindow) -> None:
    window.view.setCurrentIndex(window.model.topic_index("Linux"))  # nothing kept visible
    search(qtbot, window, "zzqqxx")
    assert window.model.topic_items() == []
    assert "Nothing matches" in window.viewer.toPlainText()


@pytest.mark.parametrize("sequence", [("dark", "light", "dark")])
def test_the_status_bar_follows_the_theme_at_once(window: MainWindow, sequence) -> None:
    for theme in sequence:
        window.set_theme(theme)
        colors = DARK if theme == "dark" else LIGHT
        label = window.counts_label.palette().color(QPalette.ColorRole.WindowText).name()
        button = window.runner.cancel_button.palette().color(QPalette.ColorRole.Button).name()
        assert label == colors.text and button == colors.panel, theme


def test_opening_another_folder_marks_nothing_read(qtbot, window, tmp_path: Path) -> None:
    other = build_blog(tmp_path / "other")
    window.switch_library(other)
    qtbot.waitUntil(lambda: window.current_paper_id() is not None, timeout=5000)
    assert not window.store.get(window.current_paper_id()).read


def test_a_change_from_the_command_line_shows_up(qtbot, window: MainWindow, data_dir) -> None:
    paper_id = window.current_paper_id()
    other = StateStore(window.store.path, window.store.backup_dir)  # another process's view
    other.set_starred([paper_id], True)
    other.close()
    qtbot.waitUntil(lambda: "1 starred" in window.counts_label.text(), timeout=3000)
    assert window.model.data(window.view.currentIndex()).startswith("★ ")
    press(qtbot, window, Qt.Key.Key_S)
    assert window.statusBar().currentMessage() == "Star removed"  # what the user saw, undone
    assert "0 starred" in window.counts_label.text()


def test_export_shown_leaves_out_the_paper_kept_visible(qtbot, window, tmp_path, monkeypatch):
    assert window.current_paper_id() == "2408.00001"  # Alpha stays shown under any filter
    window.set_view(query="epsilon")
    target = tmp_path / "shown.bib"
    starts: list[str] = []

    def save(parent, caption, start, filters):
        starts.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | SHIFT)
    text = target.read_text(encoding="utf-8")
    assert text.count("@misc{") == 1 and "Epsilon" in text and "Alpha" not in text
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert Path(starts[1]).parent == tmp_path  # the next export starts where the last went


def test_no_browser_is_said_and_the_address_copied(qtbot, blog: Path) -> None:
    class NoBrowser(Opened):
        def __call__(self, url) -> bool:
            super().__call__(url)
            return False

    window = open_window(qtbot, blog, NoBrowser())
    press(qtbot, window, Qt.Key.Key_O)
    assert "No browser could be opened" in window.statusBar().currentMessage()
    assert QGuiApplication.clipboard().text() == "https://arxiv.org/abs/2408.00001"


def test_arrows_in_the_image_viewer_go_to_the_other_screenshots(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "blog"
    post = write_digest(root, "A", "2024-08-23 10:00:00", [entry(screenshots=("a.png", "b.png"))])
    for name in ("a.png", "b.png"):
        (post.parent / name).write_bytes(png(seed=len(name) + ord(name[0])))
    window = open_window(qtbot, root, Opened())
    press(qtbot, window, Qt.Key.Key_1)
    viewer = window.screenshots.image_viewer
    assert viewer is not None and "Screenshot 1 of 2" in viewer.caption.text()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Right)  # the image area, where the focus is
    assert "Screenshot 2 of 2" in viewer.caption.text()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Left)
    assert "Screenshot 1 of 2" in viewer.caption.text()
    viewer.close()


def test_cancel_leaves_the_keyboard_on_the_tree(qtbot, window: MainWindow) -> None:
    window.view.setFocus()
    qtbot.mouseClick(window.runner.cancel_button, Qt.MouseButton.LeftButton)
    assert window.runner.cancel_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert QApplication.focusWidget() is window.view


def test_f5_with_nothing_changed_says_so(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "up to date" in window.statusBar().currentMessage(), timeout=5000)


def test_e_on_a_note_post_says_why_nothing_opens(qtbot, window: MainWindow) -> None:
    window.view.setCurrentIndex(window.model.post_index("Linux", "notes/linux.md"))
    press(qtbot, window, Qt.Key.Key_E)
    assert "Select a paper" in window.statusBar().currentMessage()


def test_view_toggles_carry_check_marks(qtbot, window: MainWindow) -> None:
    action = window.registry["view.unread-only"].action
    assert action is not None and action.isCheckable() and not action.isChecked()
    press(qtbot, window, Qt.Key.Key_U)
    assert action.isChecked()
    press(qtbot, window, Qt.Key.Key_U)
    assert not action.isChecked()


def test_counts_are_worded_for_one(window: MainWindow) -> None:
    linux = window.model.topic_index("Linux")
    tip = window.model.data(linux, Qt.ItemDataRole.ToolTipRole)
    assert "1 post," in tip and "1 posts" not in tip
