"""The flat list in place of the tree: the papers of the current filter or search, one row
each (a paper listed in several posts is one row), sortable; j/k walk it, Enter or a click
opens the paper (its first listing in the tree is selected, so everything else just works)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from readerapp.library.tree import View
from readerapp.ui.commands import command
from readerapp.ui.controllers.list_pane import ListPane
from readerapp.ui.paper_list import COLUMNS, DATE, NOTE, STAR, TITLE, TOPICS


class PaperListController(ListPane):
    @command("view.paper-list", "Flat List of Papers", "L", checkable=True)
    def toggle(self) -> None:
        """Show the papers of the filter as one sortable list instead of the tree (toggle)"""
        self.switch()

    @command("view.paper-list-sort", "Sort the List by the Next Column", "Shift+L")
    def next_sort(self) -> None:
        """In the flat list: sort by date, then title, topics, star, note (each press)"""
        if not self.active:
            self.ctx.flash("Press L for the flat list first")
            return
        header = self.list.horizontalHeader()
        order = [DATE, TITLE, TOPICS, STAR, NOTE]
        current = header.sortIndicatorSection()
        column = order[(order.index(current) + 1) % len(order)] if current in order else DATE
        descending = column in (DATE, STAR, NOTE)  # newest, starred, noted first
        header.setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.ctx.flash(f"Sorted by {COLUMNS[column]}")

    def reload(self) -> None:
        """The papers of the current view: by relevance for a search, else newest first."""
        ctx = self.ctx
        view = View(**{**ctx.model.view.__dict__, "keep": frozenset()})
        ids = list(dict.fromkeys(ctx.tree_query.paper_ids(view)))
        header = self.list.horizontalHeader()
        if view.query.strip():  # most relevant first: no column is the order
            shown = set(ids)
            ranked = [i for i in ctx.library.search(view.query) if i in shown]
            ids = ranked + [i for i in ids if i not in set(ranked)]
            self.model.set_ids(ids, ctx.library)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            self.model.set_ids(ids, ctx.library)
            header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)  # sorts, newest first
        row = self.model.row_of(ctx.current_paper_id())
        with ctx.selecting_for_the_user():  # the first result is shown, not marked read
            self._select_row(row if row >= 0 else 0)
