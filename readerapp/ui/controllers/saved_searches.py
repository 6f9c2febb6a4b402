"""Saved searches in the window (issue 17): a "Saved searches" node on top of the tree lists
each search (saved with `readerapp search save`) with its unread count and the papers it
finds, most relevant first; the palette jumps to one."""

from __future__ import annotations

from readerapp.ui.controllers.virtual_lists import VirtualListsController
from readerapp.ui.virtual_nodes import SAVED, SAVED_MAX, saved_topic


class SavedSearchesController(VirtualListsController):
    slot, node, place_label = "saved", SAVED, "Saved search"

    def library_changed(self) -> None:
        """The index or the saved searches changed (another process: via refresh_tree)."""
        self.refresh()

    def refresh(self) -> None:
        ctx = self.ctx
        # The most relevant only: all of a broad search's 70,000 papers would take seconds.
        searches = ctx.store.saved_searches()
        found = [(s.name, ctx.library.search(s.query, SAVED_MAX)) for s in searches]
        ids = list({paper_id for _, papers in found for paper_id in papers})
        titles = {i: row[0] for i, row in ctx.library.list_rows(ids).items()}
        self.show_topic(saved_topic(found, titles))

    def search_for(self, title: str) -> str:
        saved = self.ctx.store.saved_search(title)
        return saved.query if saved else title
