"""The note of the current paper: plain Markdown, saved after a short pause in typing, when
leaving the paper, and on quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

SAVE_DELAY_MS = 600


class NoteEditor(QPlainTextEdit):
    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)


class NotePane(QWidget):
    """Shows and edits one paper's note; `save` is called with (paper_id, text)."""

    saved = Signal(str)  # paper id

    def __init__(self, save: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note-pane")
        self._save = save
        self.paper_id: str | None = None
        self._loaded_text = ""
        self.title = QLabel("Note")
        self.title.setObjectName("note-title")
        self.editor = NoteEditor(self)
        self.editor.setObjectName("note-editor")
        self.editor.setPlaceholderText(
            "Your note on this paper (Markdown). Saved as you type; Esc returns to the list."
        )
        self.editor.setTabChangesFocus(True)
        font = QFont(self.editor.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.editor.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.editor)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._typed)

    def _typed(self) -> None:
        if self.paper_id is not None and self.editor.toPlainText() != self._loaded_text:
            self.title.setText("Note · editing…")
            self.timer.start()

    def flush(self) -> None:
        """Save now if anything changed (called on pause, on leaving the paper, on quit)."""
        self.timer.stop()
        if self.paper_id is None:
            return
        text = self.editor.toPlainText()
        if text != self._loaded_text:
            self._save(self.paper_id, text)
            self._loaded_text = text
            self.title.setText("Note · saved")
            self.saved.emit(self.paper_id)

    def show_paper(self, paper_id: str | None, text: str, label: str = "") -> None:
        self.flush()
        self.paper_id = paper_id
        self._loaded_text = text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setReadOnly(paper_id is None)
        self.title.setText(f"Note · {label}" if label else "Note")
