"""The keyboard: DESIGN.md's key table, driven with real key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from readerapp.ui.main_window import MainWindow
from readerapp.ui.tree_items import EntryItem, PostItem

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window.view
    qtbot.keyClick(target, key, modifier)


def title(window: MainWindow) -> str:
    item = window.current_item()
    assert isinstance(item, EntryItem), item
    return item.node.title


def where(window: MainWindow) -> tuple[str, str]:
    item = window.current_item()
    post = item.parent.node if isinstance(item, EntryItem) else item.node
    return post.topic, post.date[:10]


def test_starts_on_the_first_paper_in_tree_order(window: MainWindow) -> None:
    assert title(window) == "Alpha Splats"
    assert where(window) == ("3DGS", "2024-08-23")
    assert window.view.hasFocus()


def test_j_and_k_cross_post_and_topic_boundaries(qtbot, window: MainWindow) -> None:
    seen = [title(window)]
    for _ in range(6):
        press(qtbot, window, Qt.Key.Key_J)
        seen.append(title(window))
    assert seen == ["Alpha Splats", "Beta Fields", "Gamma Rays", "Delta Volumes",
                    "Alpha Splats", "Epsilon Radiance", "Epsilon Radiance"]  # fmt: skip
    assert where(window) == ("NeRF", "2024-08-23")
    assert window.statusBar().currentMessage() == "Last paper"
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_K)
    assert title(window) == "Delta Volumes"


def test_shift_j_and_shift_k_move_by_post(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J, SHIFT)
    item = window.current_item()
    assert isinstance(item, PostItem) and item.node.date.startswith("2024-08-22")
    press(qtbot, window, Qt.Key.Key_J, SHIFT)
    assert window.current_item().node.title == "Shell tips"  # a note post is a leaf post
    press(qtbot, window, Qt.Key.Key_K, SHIFT)
    assert window.current_item().node.date.startswith("2024-08-22")


def test_m_toggles_read_and_s_toggles_star_and_z_undoes(qtbot, window: MainWindow) -> None:
    paper_id = window.current_paper_id()
    assert not window.store.get(paper_id).read  # selected by the app at start: nobody read it
    press(qtbot, window, Qt.Key.Key_M)
    assert window.store.get(paper_id).read
    press(qtbot, window, Qt.Key.Key_M)
    assert not window.store.get(paper_id).read
    press(qtbot, window, Qt.Key.Key_S)
    assert window.store.get(paper_id).starred
    assert window.current_item().node.paper_id == paper_id
    assert window.model.data(window.view.currentIndex()).startswith("★ ")
    assert "1 starred" in window.counts_label.text()
    press(qtbot, window, Qt.Key.Key_Z)
    assert not window.store.get(paper_id).starred
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.store.get(paper_id).read


def test_the_papers_the_app_selects_are_not_marked_read(qtbot, window: MainWindow) -> None:
    """Start and Open Folder select a paper for the user: only moving to it reads it."""
    first = window.current_paper_id()
    assert not window.store.get(first).read
    press(qtbot, window, Qt.Key.Key_J)
    moved_to = window.current_paper_id()
    assert "· read" in window.viewer.toPlainText()  # shown read at once
    # Written right after the frame that shows it (pending_reads.py).
    qtbot.waitUntil(lambda: window.store.get(moved_to).read, timeout=2000)
    assert not window.store.get(first).read


def test_a_read_mark_pending_is_written_before_the_next_key(qtbot, window: MainWindow) -> None:
    """Keys faster than the event loop: each sees the papers before it as read (n, p)."""
    press(qtbot, window, Qt.Key.Key_J)
    read_first = window.current_paper_id()
    press(qtbot, window, Qt.Key.Key_M)  # no event loop between: m must see it read, and unread it
    assert not window.store.get(read_first).read
    qtbot.wait(50)  # the pending mark, had it been kept, would come now
    assert not window.store.get(read_first).read


def test_a_read_mark_pending_at_close_is_written(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    paper_id = window.current_paper_id()
    window.close()
    assert window.store.get(paper_id).read


def test_unread_papers_are_bold(qtbot, window: MainWindow) -> None:
    font = window.model.data(window.view.currentIndex(), Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    press(qtbot, window, Qt.Key.Key_M)
    assert window.model.data(window.view.currentIndex(), Qt.ItemDataRole.FontRole) is None


def test_one_state_for_a_paper_in_two_posts(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_S)  # star Alpha in 3DGS
    for _ in range(4):
        press(qtbot, window, Qt.Key.Key_J)
    assert where(window) == ("NeRF", "2024-08-23") and title(window) == "Alpha Splats"
    assert window.store.get(window.current_paper_id()).starred
    assert window.model.data(window.view.currentIndex()).startswith("★ ")


def test_n_and_p_go_to_unread_papers(qtbot, window: MainWindow) -> None:
    window.store.set_read(["2408.00001", "2408.00002", "2408.00003"], True)  # Alpha to Gamma
    press(qtbot, window, Qt.Key.Key_N)
    assert title(window) == "Delta Volumes"
    press(qtbot, window, Qt.Key.Key_N)
    assert title(window) == "Epsilon Radiance"  # Alpha (in NeRF) is read already
    window.store.set_read(["2408.00002"], False)  # Delta was read when opened; Beta is unread
    press(qtbot, window, Qt.Key.Key_P)
    assert title(window) == "Beta Fields"


def test_shift_a_marks_the_post_read_and_counts_follow(qtbot, window: MainWindow) -> None:
    assert "2 unread" not in window.counts_label.text()
    press(qtbot, window, Qt.Key.Key_A, SHIFT)
    for paper_id in ("2408.00001", "2408.00002", "2408.00003"):
        assert window.store.get(paper_id).read
    assert "5 papers · 2 unread" in window.counts_label.text()
    press(qtbot, window, Qt.Key.Key_Z)  # one undo takes back the whole post
    assert not window.store.get("2408.00002").read


def test_space_pages_down_then_goes_to_the_next_unread(qtbot, window: MainWindow) -> None:
    window.resize(900, 420)
    window.show_current()
    bar = window.viewer.verticalScrollBar()
    assert bar.maximum() > 0
    press(qtbot, window, Qt.Key.Key_Space)
    assert bar.value() > 0 and title(window) == "Alpha Splats"
    while bar.value() < bar.maximum():
        press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Space)
    assert title(window) == "Beta Fields"
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Space, SHIFT)
    assert bar.value() == 0


def test_o_and_shift_o_open_the_abstract_and_the_pdf(qtbot, window: MainWindow, opened) -> None:
    press(qtbot, window, Qt.Key.Key_O)
    press(qtbot, window, Qt.Key.Key_O, SHIFT)
    assert opened == ["https://arxiv.org/abs/2408.00001", "https://arxiv.org/pdf/2408.00001v1"]


def test_u_shows_unread_only_and_says_so(qtbot, window: MainWindow) -> None:
    window.store.set_read(["2408.00002"], True)
    press(qtbot, window, Qt.Key.Key_U)
    assert window.model.view.unread_only
    assert window.filter_label.text() == "Unread only"
    assert window.registry["view.unread-only"].action.isChecked()
    # The current paper (read) stays visible; Beta (read) is gone; Linux (no papers) too.
    topics = [t.node.name for t in window.model.topic_items()]
    assert topics == ["3DGS", "NeRF"]
    press(qtbot, window, Qt.Key.Key_J)
    assert title(window) == "Gamma Rays"
    press(qtbot, window, Qt.Key.Key_U)
    assert not window.model.view.unread_only and not window.filter_label.isVisible()


def test_starred_only(qtbot, window: MainWindow) -> None:
    window.store.set_starred(["2408.00005"], True)
    press(qtbot, window, Qt.Key.Key_S, SHIFT)
    assert window.filter_label.text() == "Starred only"
    press(qtbot, window, Qt.Key.Key_J)  # the current paper stays shown, in both its posts
    assert where(window) == ("NeRF", "2024-08-23") and title(window) == "Alpha Splats"
    press(qtbot, window, Qt.Key.Key_J)
    assert title(window) == "Epsilon Radiance"


def test_question_mark_lists_every_binding(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_Question)  # what the platform reports for Shift+/
    dialog = window.help.keys_dialog
    assert dialog.isVisible()
    rows = dialog.table.rowCount()
    assert rows == len(window.registry.commands)
    commands = {dialog.table.item(r, 2).text(): dialog.table.item(r, 1).text() for r in range(rows)}
    assert commands["Next Paper"] == "J"
    assert commands["Toggle Star"] == "S"
    dialog.close()


def test_ctrl_k_palette_runs_a_command(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.help.palette_dialog
    assert palette.isVisible() and palette.focusWidget() is palette.field
    assert window.palette() is not None  # the dialog no longer shadows QWidget.palette()
    qtbot.keyClicks(palette.field, "togstar")
    assert palette.results.currentItem().text().startswith("Paper › Toggle Star")
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    assert window.store.get("2408.00001").starred


def test_number_keys_open_screenshots(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_1)
    viewer = window.screenshots.image_viewer
    assert viewer.isVisible()
    assert "not downloaded yet" in viewer.caption.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()
    press(qtbot, window, Qt.Key.Key_5)
    assert "has 1 screenshot" in window.statusBar().currentMessage()


def test_ctrl_q_quits(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_every_command_is_in_a_menu_with_its_keys(window: MainWindow) -> None:
    in_menus = set()
    for menu in window.menus.values():
        for action in menu.actions():
            if action.menu():
                in_menus |= {a.objectName() for a in action.menu().actions()}
            in_menus.add(action.objectName())
    assert set(window.registry.commands) <= in_menus
    assert window.registry["go.next-paper"].action.shortcut().toString() == "J"


def test_no_two_commands_share_a_key(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for command in window.registry:
        for key in command.keys:
            assert key not in seen, f"{key} is bound to {seen[key]} and {command.name}"
            seen[key] = command.name
    for name in ("view.mark-read-delay", "view.theme-dark", "paper.fetch-screenshots"):
        assert window.registry[name].action is not None


def test_mark_read_setting_from_the_menu(qtbot, window: MainWindow) -> None:
    window.registry["view.mark-read-never"].action.trigger()
    assert window.settings.get("mark_read") == "never"
    assert window.registry["view.mark-read-never"].action.isChecked()
    assert not window.registry["view.mark-read-immediately"].action.isChecked()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert not window.store.get(window.current_paper_id()).read


def test_y_copies_the_bibtex_entry(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_Y)
    text = QApplication.clipboard().text()
    assert text.startswith("@misc{lovelace2024alphasplats,")
    assert "eprint = {2408.00001}" in text and "note = {Accepted to CVPR 2024}" in text
    assert "lovelace2024alphasplats" in window.statusBar().currentMessage()


def test_export_starred_and_shown_papers(qtbot, window: MainWindow, tmp_path) -> None:

    window.store.set_starred(["2408.00002", "2408.00005"], True)
    starred = [i for i in window.library.paper_ids() if window.store.get(i).starred]
    window.export.write(starred, tmp_path / "starred.bib")
    text = (tmp_path / "starred.bib").read_text()
    assert text.count("@misc{") == 2 and "Beta Fields" in text and "Epsilon Radiance" in text
    window.set_view(query="gamma")
    assert window.tree_query.paper_ids(window.model.view) == ["2408.00001", "2408.00003"]
