"""Search and filters: the search box, unread only, starred only; what the status bar says."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from readerapp.library.tree import TopicNode, View
from readerapp.logsetup import get_logger
from readerapp.ui import navigation
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.workers import Counts, counts_job

log = get_logger(__name__)
SEARCH_PAUSE_MS = 180  # typing pauses this long before the tree is filtered
EXPAND_POSTS_UP_TO = 60  # a filtered view opens its posts when it shows at most this many


class SearchController(Controller):
    def __init__(self, ctx: WindowContext, label: QLabel) -> None:
        super().__init__(ctx)
        self.label = label
        self.generation = 0  # of the filter: a newer one makes older results stale
        self.timer = QTimer(ctx.widget(), singleShot=True, interval=SEARCH_PAUSE_MS)
        self.timer.timeout.connect(self.apply_search)
        box = ctx.search
        box.textChanged.connect(lambda _text: self.timer.start())
        box.returnPressed.connect(self.search_enter)
        box.escape_pressed.connect(self.search_escape)
        box.down_pressed.connect(ctx.focus_tree)

    @command("edit.search", "Search", ["/", "Ctrl+F"])
    def focus_search(self) -> None:
        """Search titles, authors, text and notes"""
        self.ctx.search.setFocus()
        self.ctx.search.selectAll()

    def set_view(self, **changes: object) -> None:
        """Change the filter (unread only, starred only, search). A large library is filtered
        in the background, so typing a search never stalls the window. A database that fails
        (locked, full, damaged) is said so, never shown as "no results"."""
        try:
            self._set_view(**changes)
        except sqlite3.Error as error:
            self.failed(error)

    def failed(self, error: sqlite3.Error) -> None:
        log.exception("search or filter failed")
        self.ctx.flash(f"Search failed: {error} (details in readerapp.log)", 15000)

    def _set_view(self, **changes: object) -> None:
        ctx = self.ctx
        view = ctx.keep_current(View(**{**ctx.model.view.__dict__, **changes}))
        self.generation += 1
        if view.filtered and ctx.model.large:
            generation = self.generation
            library = ctx.library
            job = counts_job(library.root, library.index_path, ctx.store.path, view)
            ctx.runner.start(
                f"filter-{generation}",
                job,
                lambda counts: self._filtered(generation, view, counts),
                ctx.job_failed,
            )
            self.label.setText("Filtering…")
            self.label.show()
            return
        self._apply_view(view, None)

    def _filtered(self, generation: int, view: View, counts: Counts) -> None:
        if generation == self.generation:  # else the user has typed on since
            try:
                self._apply_view(view, counts.topics)
            except sqlite3.Error as error:
                self.failed(error)

    def _apply_view(self, view: View, topics: list[TopicNode] | None) -> None:
        ctx = self.ctx
        selected = ctx.reset_model(view, keep_expanded=False, topics=topics)
        if view.filtered:  # what you filter for is what you see: open the results
            shown_posts = sum(topic.node.posts for topic in ctx.model.topic_items())
            ctx.view.expandToDepth(1 if shown_posts <= EXPAND_POSTS_UP_TO else 0)
        if not selected:
            ctx.invalidate_current()
        if ctx.model.counts_pending:
            ctx.update_counts()
        self.update_label()
        ctx.view_changed()
        ctx.sync_checkable_actions()
        ctx.show_current()

    def update_label(self) -> None:
        parts = self.ctx.model.view.describe()
        self.label.setText("  ·  ".join(parts))
        self.label.setVisible(bool(parts))

    def apply_search(self) -> None:
        text = self.ctx.search.text()
        if text.strip() != self.ctx.model.view.query.strip():
            self.set_view(query=text)

    def search_enter(self) -> None:
        ctx = self.ctx
        self.timer.stop()
        self.apply_search()
        text = ctx.search.text().strip()
        try:
            best = ctx.library.search(text, limit=1) if text else []
        except sqlite3.Error as error:
            self.failed(error)
            return
        place = ctx.tree_query.first_place_of(best[0]) if best else None
        if place:
            post = ctx.tree_query.locate(place[0])
            if post is not None:
                navigation.select(ctx.view, ctx.model.entry_index(post.topic, post.path, place[1]))
        ctx.focus_tree()

    def search_escape(self) -> None:
        self.timer.stop()
        if self.ctx.search.text():
            self.ctx.search.clear()
            self.apply_search()
        self.ctx.focus_tree()
