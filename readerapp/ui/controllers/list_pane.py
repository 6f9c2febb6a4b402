"""A list of papers in place of the tree (the flat list, For you, similar papers): j/k walk
it, selecting a row opens that paper (its first listing in the tree is selected, so everything
else just works)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QStackedWidget

from readerapp.store import PaperState
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers.left_pane import LeftPane
from readerapp.ui.paper_list import PaperList, PaperListModel


class ListPane(LeftPane):
    def __init__(self, ctx: WindowContext, stack: QStackedWidget) -> None:
        super().__init__(ctx, stack)
        self.model = PaperListModel(ctx.store, ctx.widget())
        self.list = self.widget = PaperList(self.model, stack)
        stack.addWidget(self.list)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        if self.active:
            self.model.papers_changed(ids)

    def step(self, forward: bool, unread: bool = False) -> bool:
        """j/k (n/p with `unread`) in the list; False at either end."""
        row = self.list.currentIndex().row()
        step = 1 if forward else -1
        row = row + step if row >= 0 else (0 if forward else self.model.rowCount() - 1)
        while 0 <= row < self.model.rowCount():
            paper_id = self.model.ids[row]
            if not unread or not self.ctx.store.get(paper_id).read:
                self._select_row(row)
                return True
            row += step
        self.ctx.flash("Last paper in the list" if forward else "First paper in the list")
        return False

    def _select_row(self, row: int) -> None:
        if row < 0:
            return
        index = self.model.index(row, 2)
        self.list.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(index)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_in_tree(self.model.ids[current.row()])
