"""Focus rules, search, notes, persistence, links, the watcher and first run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from readerapp.resources import sample_library
from readerapp.session import Session
from readerapp.ui.main_window import MainWindow
from readerapp.ui.note_pane import SAVE_DELAY_MS
from readerapp.ui.tree_items import EntryItem
from tests.helpers import entry, write_digest
from tests.ui.helpers import Opened, open_window, shown_paper_ids


def focused():
    return QApplication.focusWidget()


def test_typing_in_the_search_field_never_triggers_commands(qtbot, window: MainWindow) -> None:
    first = window.current_paper_id()
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    assert focused() is window.search
    qtbot.keyClicks(window.search, "jjms")
    assert window.search.text() == "jjms"
    assert window.current_paper_id() == first
    assert not window.store.get(first).starred


def test_search_filters_the_tree_as_you_type_and_esc_clears(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search, "epsilon")
    qtbot.waitUntil(lambda: window.model.view.query == "epsilon")
    assert window.filter_label.text() == "Search: epsilon"
    topics = [t.node.name for t in window.model.topic_items()]
    assert "NeRF" in topics and "Linux" not in topics
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == "" and window.model.view.query == ""
    assert focused() is window.view


def test_enter_selects_the_best_match(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    window.search.setText("说话人")  # Chinese (an input method's text), in Delta's summary
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_item().node.title == "Delta Volumes"
    assert focused() is window.view
    window.statusBar().clearMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # keys work again in the tree: j answers
    moved = window.current_paper_id() != "2408.00004"
    assert moved or window.statusBar().currentMessage() == "Last paper"


def test_notes_are_searchable(qtbot, window: MainWindow) -> None:
    window.store.set_note("2408.00003", "remember the zebra ablation")
    window.set_view(query="zebra")
    ids = shown_paper_ids(window)
    assert "2408.00003" in ids and "2408.00002" not in ids


def test_note_autosaves_after_a_pause_and_esc_returns(qtbot, window: MainWindow) -> None:
    paper_id = window.current_paper_id()
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    assert focused() is window.note.editor
    qtbot.keyClicks(window.note.editor, "jk is a note, not navigation")
    assert window.current_paper_id() == paper_id
    qtbot.waitUntil(lambda: window.store.get(paper_id).note == "jk is a note, not navigation",
                    timeout=SAVE_DELAY_MS * 5)  # fmt: skip
    assert window.model.data(window.view.currentIndex()).endswith("✎")
    qtbot.keyClick(window.note.editor, Qt.Key.Key_Escape)
    assert focused() is window.view


def test_note_is_saved_when_leaving_the_paper_and_on_quit(qtbot, window: MainWindow) -> None:
    first = window.current_paper_id()
    window.note.editor.setFocus()
    qtbot.keyClicks(window.note.editor, "left behind")
    window.focus_tree()
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # immediately, no waiting for the timer
    assert window.store.get(first).note == "left behind"
    second = window.current_paper_id()
    window.note.editor.setPlainText("written just before quitting")
    window.close()
    assert window.store.get(second).note == "written just before quitting"


def test_undo_restores_a_note(qtbot, window: MainWindow) -> None:
    paper_id = window.current_paper_id()
    window.note.editor.setPlainText("first")
    window.note.flush()
    window.note.editor.setPlainText("second")
    window.note.flush()
    window.focus_tree()
    qtbot.keyClick(window.view, Qt.Key.Key_Z)
    assert window.store.get(paper_id).note == "first"
    assert window.note.editor.toPlainText() == "first"


def test_last_position_layout_and_geometry_are_restored(qtbot, blog: Path, opened: Opened) -> None:
    window = open_window(qtbot, blog, opened)
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_J)
    chosen = (window.current_item().parent.node.path, window.current_item().node.index)
    total = sum(window.main_split.sizes())
    window.main_split.setSizes([total // 3, total - total // 3])
    window.close()
    again = open_window(qtbot, blog, opened)
    item = again.current_item()
    assert isinstance(item, EntryItem)
    assert (item.parent.node.path, item.node.index) == chosen
    assert abs(again.main_split.sizes()[0] - total // 3) <= 10


def test_restore_follows_the_paper_when_its_post_moved(qtbot, blog: Path, opened: Opened) -> None:
    window = open_window(qtbot, blog, opened)
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # Beta Fields
    window.close()
    (blog / "Paper/2024-08-23/3DGS.md").rename(blog / "Paper/2024-08-23/splats.md")
    again = open_window(qtbot, blog, opened)
    assert again.current_item().node.title == "Beta Fields"


def test_mark_read_after_a_delay_or_never(
    qtbot, blog: Path, opened: Opened, data_dir: Path
) -> None:
    session = Session.start()
    session.settings.set("mark_read", "delay")
    session.settings.set("mark_read_delay", 1.0)
    window = open_window(qtbot, blog, opened)
    assert not window.read_timer.isActive()  # selected at start: not opened by the user
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    paper_id = window.current_paper_id()
    assert not window.store.get(paper_id).read
    qtbot.waitUntil(lambda: window.store.get(paper_id).read, timeout=5000)
    window.close()
    Session.start().settings.set("mark_read", "never")
    window = open_window(qtbot, blog, opened)
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert not window.read_timer.isActive()  # nothing is on its way to mark it read
    assert not window.store.get(window.current_paper_id()).read


def test_only_http_links_open(qtbot, window: MainWindow, opened: Opened) -> None:
    window.follow_link(QUrl("https://example.org/project"))
    window.follow_link(QUrl("file:///etc/passwd"))
    window.follow_link(QUrl("javascript:alert(1)"))
    assert opened == ["https://example.org/project"]
    assert "Not opened" in window.statusBar().currentMessage()


def test_post_page_links_select_papers(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ShiftModifier)
    html = window.viewer.toHtml()
    assert "Delta Volumes" in html
    window.follow_link(QUrl("readerapp:post/Paper/2024-08-22/3DGS.md?index=0"))
    assert window.current_item().node.title == "Delta Volumes"


def test_key_map_file_overrides_defaults(qtbot, blog: Path, opened: Opened, data_dir: Path) -> None:
    keys = data_dir / "config" / "keys.json"
    keys.parent.mkdir(parents=True, exist_ok=True)
    keys.write_text(json.dumps({"go.next-paper": ["Ctrl+Down"], "no.such": "x"}))
    window = open_window(qtbot, blog, opened)
    assert window.registry["go.next-paper"].action.shortcut().toString() == "Ctrl+Down"
    qtbot.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.current_item().node.title == "Beta Fields"
    assert "no.such" in window.statusBar().currentMessage()


def test_folder_changes_update_the_tree_in_the_background(
    qtbot, blog: Path, opened: Opened
) -> None:
    session = Session.start()
    window = MainWindow(session, blog, open_url=opened)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(
        lambda: not window.runner.running("index") and bool(window.model.topic_items()),
        timeout=10000,
    )
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    before = window.current_item().node.title
    write_digest(blog, "GAN", "2024-08-24 10:00:00", [
        entry(title="Zeta Adversaries", arxiv="2408.00009v1")])  # fmt: skip
    qtbot.waitUntil(lambda: "GAN" in [t.node.name for t in window.model.topic_items()],
                    timeout=15000)  # fmt: skip
    assert window.current_item().node.title == before
    assert "6 papers" in window.counts_label.text()


def test_first_run_opens_the_sample_library(qtbot, opened: Opened) -> None:
    from readerapp.ui.app import run_window  # noqa: F401 - the entry point imports cleanly

    session = Session.start()
    root = session.library_root(None, sample_fallback=True)
    assert root == sample_library()
    window = open_window(qtbot, root, opened)
    assert window.is_sample and "sample library" in window.windowTitle()
    assert "Open Folder" in window.statusBar().currentMessage()
    assert window.current_paper_id() is not None
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    viewer = window.screenshots.image_viewer
    assert not viewer.view.item.pixmap().isNull()  # sample images are local


def test_open_folder_switches_library_and_remembers_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    write_digest(other, "LLM", "2024-09-01 08:00:00", [
        entry(title="Omega Tokens", arxiv="2409.00001v1")])  # fmt: skip
    window.switch_library(other)
    qtbot.waitUntil(lambda: not window.runner.running("index"), timeout=10000)
    assert [t.node.name for t in window.model.topic_items()] == ["LLM"]
    assert Session.start().settings.get("library") == str(other.resolve())


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_and_zoom_rerender(qtbot, window: MainWindow, theme: str) -> None:
    window.set_theme(theme)
    assert window.theme == theme
    background = "#1b1d21" if theme == "dark" else "#ffffff"
    assert background in window.presenter.cache[window.presenter.shown_key]
    assert background in window.viewer.document().defaultStyleSheet()  # what the page is drawn with
    size_before = window.render_context().font_size
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.render_context().font_size == size_before + 1
    assert f"{size_before + 1}px" in window.viewer.document().defaultStyleSheet()
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.render_context().font_size == 15


def test_large_library_counts_in_the_background(qtbot, blog: Path, opened, monkeypatch) -> None:
    from readerapp.ui import tree_model

    monkeypatch.setattr(tree_model, "LARGE_LIBRARY", 0)  # treat the small blog as a large one
    window = open_window(qtbot, blog, opened)
    qtbot.waitUntil(lambda: not window.model.counts_pending, timeout=10000)
    unread = {t.node.name: t.node.unread for t in window.model.topic_items()}
    assert unread == {"3DGS": 4, "Linux": 0, "NeRF": 2}  # nothing was read by starting
    assert window.counts_label.text() == "5 papers · 5 unread · 0 starred"
    qtbot.keyClick(window.view, Qt.Key.Key_M)  # Alpha read: in both of its topics
    assert window.counts_label.text() == "5 papers · 4 unread · 0 starred"
    assert window.model.topic_items()[0].node.unread == 3


def test_large_library_filters_in_the_background(qtbot, blog: Path, opened, monkeypatch) -> None:
    from readerapp.ui import tree_model

    monkeypatch.setattr(tree_model, "LARGE_LIBRARY", 0)
    window = open_window(qtbot, blog, opened)
    window.set_view(query="epsilon")
    assert window.filter_label.text() == "Filtering…"  # the window stays responsive meanwhile
    qtbot.waitUntil(lambda: window.model.view.query == "epsilon", timeout=10000)
    topics = [t.node.name for t in window.model.topic_items()]
    assert "NeRF" in topics and "Linux" not in topics
    assert window.filter_label.text() == "Search: epsilon"
    assert window.current_item().node.title == "Alpha Splats"  # kept visible and selected
