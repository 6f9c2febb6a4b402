"""The date-first tree: days (newest first, "Today" on top) and each day's papers, one row
per paper. Days are counted in one query; a day's papers are read when it is opened."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from readerapp.library.days import DayEntry, DayNode, Days, day_label
from readerapp.library.tree import View
from readerapp.render.latex import latex_to_text
from readerapp.render.page import plural
from readerapp.store import PaperState, StateStore
from readerapp.ui.row_text import paper_row
from readerapp.ui.tree_view import UNREAD_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex
_DAY = 0  # internalId of a day row; a paper row's is its day's row + 1


class DayModel(QAbstractItemModel):
    def __init__(self, store: StateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.days: Days | None = None
        self.view = View()
        self.nodes: list[DayNode] = []
        self.entries: dict[int, list[DayEntry]] = {}  # by day row, once opened
        self._states: dict[str, PaperState] = {}  # read when a row is first painted
        self._tags: dict[str, list[str]] = {}  # the same
        self._bold = QFont()
        self._bold.setBold(True)

    def load(self, days: Days, view: View) -> None:
        self.beginResetModel()
        self.days, self.view = days, view
        self.nodes = days.days(view)
        self.entries = {}
        self._states = {}
        self._tags = {}
        self.endResetModel()

    def day_entries(self, row: int) -> list[DayEntry]:
        if row not in self.entries and self.days is not None:
            self.entries[row] = self.days.entries(self.nodes[row].day, self.view)
        return self.entries.get(row, [])

    def entry(self, index: AnyIndex) -> DayEntry | None:
        if not index.isValid() or index.internalId() == _DAY:
            return None
        return self.day_entries(index.internalId() - 1)[index.row()]

    def entry_index(self, day_row: int, row: int) -> QModelIndex:
        return self.createIndex(row, 0, day_row + 1)

    def states_changed(self) -> None:
        """Read, starred or note changed: read the states again, repaint every loaded row."""
        self._states = {}
        self._tags = {}
        if self.nodes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.nodes) - 1, 0))
        for day_row, rows in self.entries.items():
            if rows:
                first, last = self.entry_index(day_row, 0), self.entry_index(day_row, len(rows) - 1)
                self.dataChanged.emit(first, last)

    def _tags_of(self, paper_id: str) -> list[str]:
        if paper_id not in self._tags:
            self._tags[paper_id] = self.store.tags_of([paper_id]).get(paper_id, [])
        return self._tags[paper_id]

    def _state(self, paper_id: str) -> PaperState:
        if paper_id not in self._states:
            self._states[paper_id] = self.store.get(paper_id)
        return self._states[paper_id]

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _DAY) if row < len(self.nodes) else QModelIndex()
        if parent.internalId() == _DAY and row < len(self.day_entries(parent.row())):
            return self.entry_index(parent.row(), row)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _DAY:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _DAY)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.nodes)
        if parent.internalId() == _DAY:
            return len(self.day_entries(parent.row()))
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        return not parent.isValid() or parent.internalId() == _DAY

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _DAY:
            node = self.nodes[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return day_label(node.day, date.today())
            if role == UNREAD_ROLE:
                return node.unread
            if role == Qt.ItemDataRole.FontRole and node.unread:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{node.day}: {plural(node.papers, 'paper')}, {node.unread} unread"
            return None
        entry = self.entry(index)
        if entry is None:
            return None
        state = self._state(entry.paper_id) if role in _STATE_ROLES else PaperState()
        if role == Qt.ItemDataRole.DisplayRole:
            return paper_row(entry.title, state, self._tags_of(entry.paper_id))
        if role == Qt.ItemDataRole.FontRole and not state.read:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{latex_to_text(entry.title)}\n{entry.topic} · {entry.paper_id}"
        return None


_STATE_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole)
