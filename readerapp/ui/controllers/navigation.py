"""Moving through the tree: papers, posts, unread papers, pages of the viewer."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex

from readerapp.library.tree import EntryNode, Position
from readerapp.ui import navigation
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.tree_items import EntryItem, Item, PostItem, TopicItem, is_virtual

SKIP_LIMIT = 200  # listings passed over at most in one step


class StepPane(Protocol):
    """A view in the tree's place that j / k / n / p walk instead of the tree."""

    @property
    def active(self) -> bool: ...

    def step(self, forward: bool, unread: bool = False) -> bool: ...


class NavigationController(Controller):
    def __init__(self, ctx: WindowContext, panes: list[StepPane]) -> None:
        super().__init__(ctx)
        self.panes = panes  # views that can replace the tree; j/k walk the one shown

    def step_paper(self, forward: bool, unread: bool = False) -> bool:
        ctx = self.ctx
        for pane in self.panes:
            if pane.active:
                return pane.step(forward, unread)
        item = ctx.current_item()
        first = _first_listed(item) if forward else None
        if first is not None:  # on For you, Tags or a tag's list: its first paper
            return navigation.select(ctx.view, ctx.model.index_of(first))
        shown_order = ctx.model.entry_order is not None or is_virtual(item)
        if shown_order and isinstance(item, EntryItem):
            return self._step_as_shown(item, forward, unread)
        here = navigation.position_of(item, ctx.tree_query, forward)
        node = ctx.tree_query.step(here, forward, ctx.model.view, unread=unread)
        if ctx.settings.get("skip_seen_papers"):
            node = self._first_listings(node, forward, unread)
        if node is None and unread:
            start = Position(-1, -1) if forward else Position(10**12, 0)
            node = ctx.tree_query.step(start, forward, ctx.model.view, unread=True)
            if node is not None and node.paper_id != ctx.current_paper_id():
                ctx.flash("Wrapped around to the other end of the list")
        if node is None:
            ctx.flash(
                "No more unread papers" if unread else ("Last paper" if forward else "First paper")
            )
            return False
        return navigation.select_entry(ctx.view, ctx.model, ctx.tree_query, node)

    def _first_listings(
        self, node: EntryNode | None, forward: bool, unread: bool
    ) -> EntryNode | None:
        """Step on past the listings of papers that the tree lists earlier too (the same paper
        in another topic or day), at most SKIP_LIMIT of them."""
        tree = self.ctx.tree_query
        for _ in range(SKIP_LIMIT):
            if node is None:
                return None
            first = tree.first_place_of(node.paper_id)
            post = tree.locate(first[0]) if first else None
            if first is None or post is None or (post.rank, first[1]) == (node.rank, node.index):
                return node
            node = tree.step(
                Position(node.rank, node.index), forward, self.ctx.model.view, unread=unread
            )
        return node

    def _step_as_shown(self, item: EntryItem, forward: bool, unread: bool) -> bool:
        """j/k/n/p when a post's papers are in another order than the post's (interest): to the
        next row as shown, then into the next post (at most SKIP_LIMIT posts on for `n`)."""
        ctx = self.ctx
        model, view = ctx.model, ctx.view

        def wanted(index: QModelIndex) -> bool:
            entry = model.item(index)
            return isinstance(entry, EntryItem) and not (
                unread and ctx.store.get(entry.node.paper_id).read
            )

        post_index = model.index_of(item.parent)
        rows = range(item.row + 1, model.rowCount(post_index))
        if not forward:
            rows = range(item.row - 1, -1, -1)
        rank = item.parent.node.rank
        virtual: PostItem | None = item.parent if item.parent.node.id < 0 else None
        for _ in range(SKIP_LIMIT):
            for row in rows:
                index = model.index(row, 0, post_index)
                if wanted(index):
                    return navigation.select(view, index)
            if virtual is not None:  # a tag's list: the next tag's, then into the library
                virtual = _sibling(virtual, forward)
                if virtual is not None:
                    post_index = model.index_of(virtual)
                    count = len(virtual.entries or [])
                    rows = range(count) if forward else range(count - 1, -1, -1)
                    continue
            node = ctx.tree_query.step_post(rank, forward, model.view)
            if node is None:
                ctx.flash("Last paper" if forward else "First paper")
                return False
            rank = node.rank
            post_index = model.post_index(node.topic, node.path)
            if model.canFetchMore(post_index):
                model.fetchMore(post_index)
            count = model.rowCount(post_index)
            rows = range(count) if forward else range(count - 1, -1, -1)
        return False

    def step_post(self, forward: bool) -> None:
        ctx = self.ctx
        item = ctx.current_item()
        if isinstance(item, EntryItem | PostItem):
            rank = item.node.rank
        elif isinstance(item, TopicItem):
            rank = ctx.tree_query.first_rank_of(item.node.name) - (1 if forward else 0)
        else:
            rank = -1
        node = ctx.tree_query.step_post(rank, forward, ctx.model.view)
        if node is None:
            ctx.flash("Last post" if forward else "First post")
            return
        navigation.select_post(ctx.view, ctx.model, node)

    @command("go.next-paper", "Next Paper", "J")
    def next_paper(self) -> None:
        """Next paper, across posts and topics"""
        self.step_paper(True)

    @command("go.prev-paper", "Previous Paper", "K")
    def previous_paper(self) -> None:
        """Previous paper"""
        self.step_paper(False)

    @command("go.next-post", "Next Post", "Shift+J")
    def next_post(self) -> None:
        """Next post"""
        self.step_post(True)

    @command("go.prev-post", "Previous Post", "Shift+K")
    def previous_post(self) -> None:
        """Previous post"""
        self.step_post(False)

    @command("go.next-unread", "Next Unread", "N")
    def next_unread(self) -> None:
        """Next unread paper (wraps around)"""
        self.step_paper(True, unread=True)

    @command("go.prev-unread", "Previous Unread", "P")
    def previous_unread(self) -> None:
        """Previous unread paper"""
        self.step_paper(False, unread=True)

    @command("go.page-down", "Page Down", "Space")
    def page_down(self) -> None:
        """Scroll the viewer; at the bottom, go to the next unread paper"""
        if self.ctx.viewer.at_bottom():
            self.step_paper(True, unread=True)
        else:
            self.ctx.viewer.page(True)

    @command("go.page-up", "Page Up", "Shift+Space")
    def page_up(self) -> None:
        """Scroll the viewer up"""
        self.ctx.viewer.page(False)

    @command("go.list", "Back to the List")
    def back_to_list(self) -> None:
        """Put the keyboard focus on the tree"""
        self.ctx.focus_tree()


def _first_listed(item: Item | None) -> EntryItem | None:
    """The first paper of a virtual node (For you, Tags) or list, when `item` is one."""
    if isinstance(item, TopicItem) and is_virtual(item):
        posts = item.posts or []
    elif isinstance(item, PostItem) and is_virtual(item):
        posts = [item]
    else:
        return None
    return next((entries[0] for post in posts if (entries := post.entries)), None)


def _sibling(post: PostItem, forward: bool) -> PostItem | None:
    """The next (previous) list of the same virtual node."""
    lists = post.parent.posts or []
    row = post.row + (1 if forward else -1)
    return lists[row] if 0 <= row < len(lists) else None
