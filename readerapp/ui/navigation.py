"""Where the selection is in tree order, and how to select a place (loading children lazily)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from readerapp.library.tree import EntryNode, Position, PostNode, Tree
from readerapp.ui.tree_model import EntryItem, Item, PostItem, TopicItem, TreeModel


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


def place_of(item: Item | None) -> dict | None:
    """A place that survives re-indexing: topic name, post path, entry index."""
    if isinstance(item, EntryItem):
        post = item.parent.node
        return {
            "topic": post.topic,
            "path": post.path,
            "index": item.node.index,
            "paper_id": item.node.paper_id,
        }
    if isinstance(item, PostItem):
        return {"topic": item.node.topic, "path": item.node.path, "index": -1}
    if isinstance(item, TopicItem):
        return {"topic": item.node.name}
    return None


def index_for(model: TreeModel, place: dict) -> QModelIndex:
    topic = place.get("topic")
    if not topic:
        return QModelIndex()
    path = place.get("path")
    if not path:
        return model.topic_index(topic)
    index = place.get("index", -1)
    if index is None or index < 0:
        return model.post_index(topic, path)
    return model.entry_index(topic, path, index)


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
