"""The date-first view (D): the library by day, newest first, so one day's digests across
every topic are read in one place. j/k walk its papers across days; the filters apply."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget

from readerapp.library.days import Days
from readerapp.library.tree import View
from readerapp.store import PaperState
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers.left_pane import LeftPane
from readerapp.ui.day_model import DayModel
from readerapp.ui.tree_view import PaperTree


class DaysController(LeftPane):
    def __init__(self, ctx: WindowContext, stack: QStackedWidget) -> None:
        super().__init__(ctx, stack)
        self.model = DayModel(ctx.store, ctx.widget())
        self.tree = self.widget = PaperTree(stack)
        self.tree.setObjectName("days")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        stack.addWidget(self.tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

    @command("view.by-date", "By Date", "D", checkable=True)
    def toggle(self) -> None:
        """Show the library by day, newest first, instead of by topic (toggle)"""
        self.switch()

    def reload(self) -> None:
        view = View(**{**self.ctx.model.view.__dict__, "keep": frozenset()})
        self.model.load(Days(self.ctx.tree_query), view)
        if self.model.nodes:
            first = self.model.index(0, 0)
            self.tree.expand(first)
            with self.ctx.selecting_for_the_user():
                if self.ctx.current_paper_id() is None or not self._select_current():
                    rows = self.model.rowCount(first)
                    self._select(self.model.entry_index(0, 0) if rows else first)

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        if self.active:
            self.model.states_changed()

    def _select_current(self) -> bool:
        """Select the tree's current paper here, if its day is one of the first opened."""
        current = self.ctx.current_paper_id()
        for day_row in list(self.model.entries):
            for row, entry in enumerate(self.model.entries[day_row]):
                if entry.paper_id == current:
                    self._select(self.model.entry_index(day_row, row))
                    return True
        return False

    def _select(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        # A day's first paper brings its day row into view too (one request: Qt keeps only
        # the last one until the rows are laid out).
        self.tree.scrollTo(index.parent() if index.row() == 0 else index)

    def step(self, forward: bool, unread: bool = False) -> bool:
        """The next (previous) paper in day order, opening days on the way."""
        model = self.model
        index = self.tree.currentIndex()
        entry = model.entry(index)
        if entry is None:  # on a day row (or nothing): start before its first paper
            day_row, row = (index.row() if index.isValid() else 0), -1
            if not forward:
                day_row, row = day_row - 1, len(model.day_entries(day_row - 1)) if day_row else 0
        else:
            day_row, row = index.internalId() - 1, index.row()
        step = 1 if forward else -1
        while 0 <= day_row < len(model.nodes):
            rows = model.day_entries(day_row)
            row += step
            while 0 <= row < len(rows):
                if not unread or not self.ctx.store.get(rows[row].paper_id).read:
                    self._select(model.entry_index(day_row, row))
                    return True
                row += step
            day_row += step
            row = -1 if forward else len(model.day_entries(day_row)) if day_row >= 0 else 0
        self.ctx.flash("Last paper" if forward else "First paper")
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current)
        if entry is not None:
            self.open_in_tree(entry.paper_id, (entry.path, entry.index))
