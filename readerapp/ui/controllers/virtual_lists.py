"""What the Tags and Saved searches nodes share: a node of lists put in the tree model's slot
(reloaded only when it changed, keeping the user's place) and palette places that jump to a
list, or search for it when a search hides the node."""

from __future__ import annotations

from collections.abc import Callable

from readerapp.ui import navigation, tree_state
from readerapp.ui.context import PalettePlace
from readerapp.ui.controllers import Controller
from readerapp.ui.virtual_nodes import VirtualTopic


class VirtualListsController(Controller):
    slot = ""  # in TreeModel.virtual
    node = ""  # the topic's name in the tree
    place_label = ""  # the palette's "<label> › <list>"

    def topic(self) -> VirtualTopic | None:
        return self.ctx.model.virtual.get(self.slot)

    def show_topic(self, topic: VirtualTopic | None) -> None:
        """Put the node in the tree; reload (keeping the place) only when it changed."""
        if topic != self.topic():
            self.ctx.model.virtual[self.slot] = topic
            tree_state.reload_virtual(self.ctx.view, self.ctx.model)

    def search_for(self, title: str) -> str:
        """The search that finds a list's papers when the node is hidden."""
        raise NotImplementedError

    def palette_places(self) -> list[PalettePlace]:
        topic = self.topic()
        return [
            (f"{self.place_label} › {post.title}  ({len(post.papers)})", self.go_to(post.path))
            for post in (topic.posts if topic else ())
        ]

    def go_to(self, path: str) -> Callable[[], None]:
        def go() -> None:
            ctx = self.ctx
            ctx.left_stack.setCurrentWidget(ctx.view)  # from the days view or a list, too
            ctx.sync_checkable_actions()
            index = ctx.model.post_index(self.node, path)
            if index.isValid():
                navigation.select(ctx.view, index)
            else:  # a search hides the node: search for the list's papers instead
                topic = self.topic()
                post = next((p for p in topic.posts if p.path == path), None) if topic else None
                if post is not None:
                    ctx.search.setText(self.search_for(post.title))
                    ctx.set_view(query=ctx.search.text())
            ctx.focus_tree()

        return go
