"""A flat, sortable list of papers (a mail client's message list) for search results and
filtered views: ★, ✎, title, date, topics. It holds ids; rows are read when first shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from readerapp.library.library import Library
from readerapp.render.latex import latex_to_text
from readerapp.store import PaperState, StateStore

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("★", "✎", "Title", "Date", "Topics", "Score")
STAR, NOTE, TITLE, DATE, TOPICS, SCORE = range(len(COLUMNS))


class PaperListModel(QAbstractTableModel):
    def __init__(self, store: StateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ids: list[str] = []
        self._row: dict[str, int] = {}  # paper id -> row, kept with `ids`
        self._rows: dict[str, tuple[str, str, list[str]]] = {}
        self._states: dict[str, PaperState] = {}
        self.scores: dict[str, float] = {}  # a ranked list's (interest, similarity)
        self.score_format = "{:.2f}"
        self._bold = QFont()
        self._bold.setBold(True)

    def set_ids(
        self, ids: list[str], library: Library, scores: dict[str, float] | None = None
    ) -> None:
        self.beginResetModel()
        self.ids = list(ids)
        self.scores = scores or {}
        self._row = {paper_id: row for row, paper_id in enumerate(self.ids)}
        self._rows = library.list_rows(self.ids)
        self._states = self.store.states(self.ids)
        self.endResetModel()

    def papers_changed(self, ids: list[str]) -> None:
        """State changed: re-read it and repaint those rows."""
        self._states.update({i: self.store.get(i) for i in ids})
        for paper_id in ids:
            row = self._row.get(paper_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        paper_id = self.ids[index.row()]
        title, date, topics = self._rows.get(paper_id, ("", "", []))
        state = self._states.get(paper_id, PaperState())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                STAR: "★" if state.starred else "",
                NOTE: "✎" if state.note.strip() else "",
                TITLE: latex_to_text(title),
                DATE: date[:10],
                TOPICS: ", ".join(topics),
                SCORE: self.score_format.format(self.scores[paper_id])
                if paper_id in self.scores
                else "",
            }[column]
        if role == Qt.ItemDataRole.FontRole and not state.read:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return f"{latex_to_text(title)}\n{paper_id}"
        if role == Qt.ItemDataRole.UserRole:
            return paper_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return  # "no column": keep the order given (most relevant first)

        def key(paper_id: str) -> tuple:
            title, date, topics = self._rows.get(paper_id, ("", "", []))
            state = self._states.get(paper_id, PaperState())
            return {
                STAR: (state.starred, date),
                NOTE: (bool(state.note.strip()), date),
                TITLE: (title.casefold(),),
                DATE: (date,),
                TOPICS: (", ".join(topics).casefold(), date),
                SCORE: (self.scores.get(paper_id, float("-inf")),),
            }[column]

        self.layoutAboutToBeChanged.emit()
        self.ids.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row = {paper_id: row for row, paper_id in enumerate(self.ids)}
        self.layoutChanged.emit()

    def row_of(self, paper_id: str | None) -> int:
        return self._row.get(paper_id, -1) if paper_id else -1


class PaperList(QTableView):
    def __init__(self, model: PaperListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paper-list")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (STAR, NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)
        header.resizeSection(DATE, 92)
        header.resizeSection(TOPICS, 110)
        header.resizeSection(SCORE, 56)
        self.setColumnHidden(SCORE, True)  # only ranked lists have one
        # The title takes what is left and is elided: a narrow pane never scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow pane drops the topics, then the date: the title stays readable."""
        width = self.viewport().width()
        self.setColumnHidden(TOPICS, width < 440)
        self.setColumnHidden(DATE, width < 300)
        self.show_scores(bool(self.model().scores))  # type: ignore[attr-defined]
        super().resizeEvent(event)

    def show_scores(self, shown: bool) -> None:
        self.setColumnHidden(SCORE, not shown)
