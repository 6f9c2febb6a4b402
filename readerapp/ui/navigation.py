"""Where the selection is in tree order, and how to select a place (loading children lazily)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from readerapp.library.tree import EntryNode, Position, PostNode, Tree
from readerapp.ui.tree_items import EntryItem, Item, PostItem, TopicItem
from readerapp.ui.tree_model import TreeModel


def position_of(item: Item | None, tree: Tree, forward: bool) -> Position:
    """The tree-order position to step from. A post (or a topic: its first post) sits just
    before its first paper, so "next" enters it and "previous" leaves it."""
    if isinstance(item, EntryItem):
        return Position(item.node.rank, item.node.index)
    if isinstance(item, PostItem):
        return Position(item.node.rank, -1)
    if isinstance(item, TopicItem):
        return Position(tree.first_rank_of(item.node.name), -1)
    return Position(-1, -1) if forward else Position(10**12, 0)


@dataclass(frozen=True)
class Place:
    """Where the user is, in terms that survive re-indexing: topic, post path, entry index
    (-1 for the post itself) and the paper id. `path` None means the topic itself."""

    topic: str
    path: str | None = None
    index: int = -1
    paper_id: str | None = None

    def as_setting(self, library: str) -> dict[str, object]:
        return {**asdict(self), "library": library}

    @classmethod
    def from_setting(cls, value: object) -> Place | None:
        """A place saved by `as_setting`; None for anything else (an old or damaged value)."""
        if not isinstance(value, dict) or not isinstance(value.get("topic"), str):
            return None
        path, index, paper_id = value.get("path"), value.get("index", -1), value.get("paper_id")
        return cls(
            value["topic"],
            path if isinstance(path, str) else None,
            index if isinstance(index, int) else -1,
            paper_id if isinstance(paper_id, str) else None,
        )


def place_of(item: Item | None) -> Place | None:
    """The place of a tree item."""
    if isinstance(item, EntryItem):
        post = item.parent.node
        return Place(post.topic, post.path, item.node.index, item.node.paper_id)
    if isinstance(item, PostItem):
        return Place(item.node.topic, item.node.path)
    if isinstance(item, TopicItem):
        return Place(item.node.name)
    return None


def index_for(model: TreeModel, place: Place) -> QModelIndex:
    if not place.topic:
        return QModelIndex()
    if not place.path:
        return model.topic_index(place.topic)
    if place.index < 0:
        return model.post_index(place.topic, place.path)
    return model.entry_index(place.topic, place.path, place.index)


def select(view: QTreeView, index: QModelIndex) -> bool:
    """Make `index` current (expanding its parents) and scroll it into view."""
    if not index.isValid():
        return False
    parent = index.parent()
    while parent.isValid():
        view.expand(parent)
        parent = parent.parent()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    return True


def select_entry(view: QTreeView, model: TreeModel, tree: Tree, node: EntryNode) -> bool:
    post = model.post_item(node.post_id)
    if post is not None:
        topic, path = post.node.topic, post.node.path
    else:
        found = _post_node(tree, node.post_id)
        if found is None:
            return False
        topic, path = found.topic, found.path
    return select(view, model.entry_index(topic, path, node.index))


def select_post(view: QTreeView, model: TreeModel, node: PostNode) -> bool:
    return select(view, model.post_index(node.topic, node.path))


def _post_node(tree: Tree, post_id: int) -> PostNode | None:
    row = tree.conn.execute("SELECT path FROM posts WHERE id = ?", (post_id,)).fetchone()
    return tree.locate(row[0]) if row else None
