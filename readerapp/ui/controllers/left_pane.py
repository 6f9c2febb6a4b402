"""What the left pane shows instead of the tree (the flat list, the days): one shape for both.
Each keeps the tree's selection in step with its own, so the viewer, the note and every key
act on the paper it selects without knowing it is there."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QStackedWidget

from readerapp.ui import navigation
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller


class LeftPane(Controller):
    """A view that can take the tree's place in the left pane (one at a time)."""

    widget: QAbstractItemView

    def __init__(self, ctx: WindowContext, stack: QStackedWidget) -> None:
        super().__init__(ctx)
        self.stack = stack

    @property
    def active(self) -> bool:
        return self.stack.currentWidget() is self.widget

    def switch(self) -> None:
        """Show this view instead of the tree, or the tree again."""
        if self.active:
            self.stack.setCurrentWidget(self.ctx.view)
        else:
            self.reload()
            self.stack.setCurrentWidget(self.widget)
        self.ctx.focus_tree()
        self.ctx.sync_checkable_actions()

    def library_changed(self) -> None:
        if self.active:
            self.reload()

    def view_changed(self) -> None:
        if self.active:
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def open_in_tree(self, paper_id: str, place: tuple[str, int] | None = None) -> None:
        """Select the paper in the (hidden) tree: at `place` (post path, index) or its first."""
        if paper_id == self.ctx.current_paper_id():
            return
        tree = self.ctx.tree_query
        place = place or tree.first_place_of(paper_id)
        post = tree.locate(place[0]) if place else None
        if post is not None and place is not None:
            index = self.ctx.model.entry_index(post.topic, post.path, place[1])
            navigation.select(self.ctx.view, index)
