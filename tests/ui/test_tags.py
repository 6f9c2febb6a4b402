"""Tags in the window, driven by keys (issue 15): `t`, chips in the viewer, a marker in the tree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

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
