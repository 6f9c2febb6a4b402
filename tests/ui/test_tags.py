"""Tags in the window, driven by keys (issue 15): `t`, chips in the viewer, a marker in the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from readerapp.ui import navigation
from readerapp.ui.tree_items import is_virtual
from readerapp.ui.tree_model import PAPER_ID_ROLE, UNREAD_ROLE
from tests.helpers import write_two_subjects
from tests.ui.helpers import Opened, open_window
from tests.ui.test_keys import press


def test_t_edits_tags_with_enter_backspace_and_esc(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 2, 2), Opened())
    window.store.change_tags(["2408.00100"], add=["Related Work"])
    paper = window.current_paper_id()
    assert paper is not None
    press(qtbot, window, Qt.Key.Key_T)
    editor = window.tags.editor
    assert editor is not None and editor.isVisible()

    qtbot.keyClicks(editor.field, "to cite")
    qtbot.keyClick(editor.field, Qt.Key.Key_Return)
    editor.field.insert("高斯")  # typed through an input method, not as key presses
    qtbot.keyClick(editor.field, Qt.Key.Key_Return)
    assert window.store.tags_of([paper])[paper] == ["to cite", "高斯"]
    assert editor.tags == ["to cite", "高斯"] and editor.field.text() == ""
    assert "to cite" in window.viewer.toPlainText()  # a chip under the title
    index = window.view.currentIndex()
    assert window.model.data(index).startswith("#to cite+1  ")  # and before the title in the tree

    qtbot.keyClick(editor.field, Qt.Key.Key_Backspace)  # empty field: the last tag comes off
    assert window.store.tags_of([paper])[paper] == ["to cite"]
    completer = editor.field.completer()
    assert "Related Work" in completer.model().stringList()  # completion from tags in use
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    assert not editor.isVisible()

    press(qtbot, window, Qt.Key.Key_Z)  # undo: the tag taken off comes back
    assert window.store.tags_of([paper])[paper] == ["to cite", "高斯"]


def test_the_days_view_marks_tagged_papers_as_the_tree_does(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 2, 2), Opened())
    window.store.change_tags(["2408.00100"], add=["queue", "cite"])
    press(qtbot, window, Qt.Key.Key_D)
    model = window.days.model
    day = model.index(0, 0)  # the newest day: the protein post
    rows = [model.data(model.index(r, 0, day)) for r in range(model.rowCount(day))]
    assert any(row.startswith("#queue+1  Protein folding") for row in rows), rows


def _tags_node(window):
    model = window.model
    top = [model.index(row, 0) for row in range(model.rowCount())]
    tags = next(i for i in top if model.data(i) == "Tags")
    lists = {
        model.data(model.index(r, 0, tags)): model.index(r, 0, tags)
        for r in range(model.rowCount(tags))
    }
    return tags, lists


def test_the_tags_node_lists_each_tag_and_j_walks_its_papers(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 3, 3), Opened())
    assert "Tags" not in [
        window.model.data(window.model.index(r, 0)) for r in range(window.model.rowCount())
    ]
    window.store.change_tags(["2408.00002", "2408.00100"], add=["queue"])
    window.store.change_tags(["2408.00003"], add=["高斯"])
    window.store.set_read(["2408.00100"], True)
    window.refresh_tree()  # as when another process (`readerapp tag`) changed the state
    tags, lists = _tags_node(window)
    assert list(lists) == ["queue", "高斯"]
    assert window.model.data(tags, UNREAD_ROLE) == 2  # 2408.00002 and 2408.00003
    assert window.model.data(lists["queue"], UNREAD_ROLE) == 1

    navigation.select(window.view, lists["queue"])
    assert "2 papers, 1 unread" in window.viewer.toPlainText()
    press(qtbot, window, Qt.Key.Key_J)  # into the tag's papers, in the order tagged
    assert window.current_paper_id() == "2408.00002"
    assert "Tags › queue: 1 of 2" in window.viewer.toPlainText()
    assert window.model.data(window.view.currentIndex()).startswith("Gaussian")  # no #queue
    press(qtbot, window, Qt.Key.Key_J)
    assert window.current_paper_id() == "2408.00100"
    press(qtbot, window, Qt.Key.Key_J)  # on to the next tag's list
    assert window.current_paper_id() == "2408.00003"
    assert window.model.data(lists["queue"], UNREAD_ROLE) == 0  # 2408.00002 was read on the way
    press(qtbot, window, Qt.Key.Key_J)  # and then into the library
    assert not is_virtual(window.current_item())

    here = window.current_paper_id()
    press(qtbot, window, Qt.Key.Key_T)  # a new tag shows in the node at once
    window.tags.editor.field.insert("to cite")
    qtbot.keyClick(window.tags.editor.field, Qt.Key.Key_Return)
    qtbot.keyClick(window.tags.editor.field, Qt.Key.Key_Escape)
    assert list(_tags_node(window)[1]) == ["queue", "to cite", "高斯"]
    assert not is_virtual(window.current_item())
    assert window.current_paper_id() == here  # the place is kept
    press(qtbot, window, Qt.Key.Key_Z)
    assert list(_tags_node(window)[1]) == ["queue", "高斯"]


def test_the_palette_jumps_to_a_tag(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 2, 2), Opened())
    window.store.change_tags(["2408.00001"], add=["Related Work"])
    window.refresh_tree()
    press(qtbot, window, Qt.Key.Key_D)  # from the days view, too
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.help.palette_dialog
    qtbot.keyClicks(palette.field, "related")
    assert palette.results.currentItem().text() == "Tag › Related Work  (1)"
    qtbot.keyClick(palette.field, Qt.Key.Key_Return)
    item = window.current_item()
    assert window.left_stack.currentWidget() is window.view
    assert is_virtual(item) and item.node.title == "Related Work"


def test_f2_renames_a_tag_and_z_undoes_it(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 2, 2), Opened())
    window.store.change_tags(["2408.00001", "2408.00100"], add=["avatars"])
    window.refresh_tree()
    navigation.select(window.view, _tags_node(window)[1]["avatars"])
    press(qtbot, window, Qt.Key.Key_F2)
    dialog = window.tags.dialog
    assert dialog.textValue() == "avatars"
    dialog.setTextValue("Related work: avatars")
    dialog.accept()
    assert window.store.all_tags() == [("Related work: avatars", 2)]
    assert list(_tags_node(window)[1]) == ["Related work: avatars"]
    assert window.current_item().node.title == "Related work: avatars"
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.store.all_tags() == [("avatars", 2)]


# A popup menu under the offscreen platform: it cannot raise itself or grab the keyboard.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_deleting_a_tag_of_more_than_5_papers_asks_first(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 4, 3), Opened())
    ids = ["2408.00001", "2408.00002", "2408.00003", "2408.00004", "2408.00100", "2408.00101"]
    window.store.change_tags(ids, add=["queue"])
    window.store.change_tags(ids[:2], add=["cite"])
    window.refresh_tree()
    tags, lists = _tags_node(window)
    window.view.expand(tags)
    rect = window.view.visualRect(lists["queue"])
    window.view.customContextMenuRequested.emit(rect.center())  # right click on the tag
    menu = window.tags.menu
    assert [a.text() for a in menu.actions()] == ["Rename Tag…", "Delete Tag…"]
    menu.close()
    menu.actions()[1].trigger()
    box = window.tags.dialog
    assert "6 papers" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.store.all_tags() == [("cite", 2), ("queue", 6)]
    menu.actions()[1].trigger()
    window.tags.dialog.button(QMessageBox.StandardButton.Yes).click()
    assert window.store.all_tags() == [("cite", 2)]

    navigation.select(window.view, _tags_node(window)[1]["cite"])
    window.registry["paper.delete-tag"].handler()  # 2 papers: no question, z undoes
    assert window.store.all_tags() == []
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.store.all_tags() == [("cite", 2)]


def test_the_unread_filter_applies_to_the_tags_node(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_two_subjects(tmp_path / "blog", 3, 3), Opened())
    window.store.change_tags(["2408.00001", "2408.00002"], add=["queue"])
    window.store.change_tags(["2408.00003"], add=["done"])
    window.store.set_read(["2408.00001", "2408.00003"], True)
    window.refresh_tree()
    navigation.select(window.view, window.model.topic_index("Proteins"))  # no paper kept shown
    press(qtbot, window, Qt.Key.Key_U)  # unread only: the tag of read papers only is gone
    qtbot.waitUntil(lambda: window.model.view.unread_only and window.model.rowCount() > 0)
    _, lists = _tags_node(window)
    assert list(lists) == ["queue"]
    queue = lists["queue"]
    assert window.model.rowCount(queue) == 1
    paper = window.model.index(0, 0, queue)
    assert window.model.data(paper, PAPER_ID_ROLE) == "2408.00002"
    navigation.select(window.view, paper)
    assert "Tags › queue: 2 of 2" in window.viewer.toPlainText()  # its place in the whole list
