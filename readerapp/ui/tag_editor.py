"""The tag editor (`t`): the paper's tags, and a field to add one, with completion from the
tags in use. Enter adds what is typed (Enter in an empty field closes), Backspace in an empty
field takes the last tag off, Esc closes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

Change = Callable[[list[str], list[str]], list[str]]  # (add, remove) -> the tags now


class _TagField(QLineEdit):
    def __init__(self, editor: TagEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if popup is not None and popup.isVisible():
            super().keyPressEvent(event)  # the completion list takes Enter and the arrows
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text().strip():
                self.editor.change([self.text()], [])
                self.clear()
            else:
                self.editor.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and not self.text() and self.editor.tags:
            self.editor.change([], [self.editor.tags[-1]])
            return
        super().keyPressEvent(event)


class TagEditor(QDialog):
    def __init__(
        self, title: str, tags: list[str], known: list[str], change: Change, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tag-editor")
        self.setWindowTitle("Tags")
        self.tags = list(tags)
        self._change = change
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.shown = QLabel(self)
        self.field = _TagField(self)
        self.field.setPlaceholderText("A tag, then Enter (Backspace takes the last one off)")
        completer = QCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.field.setCompleter(completer)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.shown, self.field):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())
        self._show_tags()

    def change(self, add: list[str], remove: list[str]) -> None:
        self.tags = self._change(add, remove)
        self._show_tags()

    def _show_tags(self) -> None:
        self.shown.setText("  ".join(f"#{tag}" for tag in self.tags) or "No tags yet")
