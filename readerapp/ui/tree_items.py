"""The tree model's items (topic, post, paper rows) and their bookkeeping; which of them belong
to the virtual nodes (For you, Tags) rather than to the library."""

from __future__ import annotations

from dataclasses import dataclass, field

from readerapp.library.tree import EntryNode, PostNode, TopicNode
from readerapp.ui.virtual_nodes import FOR_YOU, FOR_YOU_POST


@dataclass(eq=False)
class TopicItem:
    node: TopicNode
    row: int
    uid: int = 0
    posts: list[PostItem] | None = None


@dataclass(eq=False)
class PostItem:
    node: PostNode
    row: int
    parent: TopicItem
    uid: int = 0
    entries: list[EntryItem] | None = None


@dataclass(eq=False)
class EntryItem:
    node: EntryNode
    row: int
    parent: PostItem
    uid: int = 0


Item = TopicItem | PostItem | EntryItem


@dataclass
class Index:
    """Bookkeeping of the items created so far (ids for QModelIndex, reverse lookups)."""

    items: dict[int, Item] = field(default_factory=dict)
    by_paper: dict[str, list[EntryItem]] = field(default_factory=dict)
    by_post: dict[int, PostItem] = field(default_factory=dict)
    next_uid: int = 1

    def register(self, item: Item) -> None:
        item.uid = self.next_uid
        self.next_uid += 1
        self.items[item.uid] = item
        if isinstance(item, EntryItem):
            self.by_paper.setdefault(item.node.paper_id, []).append(item)
        elif isinstance(item, PostItem):
            self.by_post[item.node.id] = item


def virtual_post(item: Item | None) -> PostItem | None:
    """The list (For you, a tag) holding this item, when it is one of those or in one."""
    post = item.parent if isinstance(item, EntryItem) else item
    return post if isinstance(post, PostItem) and post.node.id < 0 else None


def is_for_you(item: Item | None) -> bool:
    """The For you node, its post or one of its papers."""
    if isinstance(item, TopicItem):
        return item.node.name == FOR_YOU and is_virtual(item)
    post = virtual_post(item)
    return post is not None and post.node.id == FOR_YOU_POST


def is_virtual(item: Item | None) -> bool:
    """A node that is not the library's: For you, Tags, or something in them."""
    if isinstance(item, TopicItem):
        return bool(item.posts) and item.posts is not None and item.posts[0].node.id < 0
    return virtual_post(item) is not None
