"""The command palette (Ctrl+K) and the list of key bindings (?), both from the registry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from readerapp.ui.commands import Command, CommandRegistry, fuzzy_score
from readerapp.ui.context import PalettePlace


class _FilterField(QLineEdit):
    """Up/Down move in the list below while the cursor stays in the field."""

    def __init__(self, target: QListWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.target.keyPressEvent(event)
            return
        super().keyPressEvent(event)


class CommandPalette(QDialog):
    """The commands, and places to jump to (a tag): fuzzy-filtered as one list."""

    def __init__(
        self,
        registry: CommandRegistry,
        places: list[PalettePlace] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("command-palette")
        self.setWindowTitle("Command palette")
        self.resize(560, 420)
        self.registry = registry
        self.places = dict(places or [])
        self.chosen: Command | Callable[[], None] | None = None
        self.results = QListWidget(self)
        self.field = _FilterField(self.results, self)
        self.field.setPlaceholderText("Type to find a command or a tag; Enter runs it")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        self.field.textChanged.connect(self.refilter)
        self.field.returnPressed.connect(self.run_current)
        self.results.itemActivated.connect(lambda _item: self.run_current())
        self.refilter("")
        self.field.setFocus()

    def refilter(self, text: str) -> None:
        scored = []
        for command in self.registry:
            score = fuzzy_score(text, f"{command.menu} {command.title}")
            if score is not None:
                keys = command.key_text()
                label = f"{command.menu} › {command.title}" + (f"    [{keys}]" if keys else "")
                scored.append((-score, label, command.description, ("command", command.name)))
        for label in self.places:
            score = fuzzy_score(text, label) if text else None  # places only when asked for
            if score is not None:
                scored.append((-score, label, "Go there", ("place", label)))
        self.results.clear()
        for _, label, tip, target in sorted(scored, key=lambda s: s[:2]):
            item = QListWidgetItem(label)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, target)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def run_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        self.chosen = self.registry[key] if kind == "command" else self.places[key]
        self.accept()


class KeysDialog(QDialog):
    def __init__(self, registry: CommandRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keys-dialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(760, 560)
        rows = registry.help_rows()
        table = QTableWidget(len(rows), 4, self)
        table.setHorizontalHeaderLabels(["Menu", "Keys", "Command", "What it does"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        header = table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
