"""Reloading the tree without losing the user's place: the current paper stays visible and
selected, open topics and posts stay open, the scroll position stays."""

from __future__ import annotations

from dataclasses import replace

from readerapp.library.tree import TopicNode, View
from readerapp.ui import navigation
from readerapp.ui.tree_items import Item, is_virtual
from readerapp.ui.tree_model import TreeModel
from readerapp.ui.tree_view import PaperTree


def keep_current(view: View, current: Item | None) -> View:
    """The view, with the current paper kept visible whatever the filter says."""
    place = navigation.place_of(current)
    keep = frozenset([place.paper_id]) if place and place.paper_id else frozenset()
    return replace(view, keep=keep)


def reset_model(
    tree: PaperTree,
    model: TreeModel,
    view: View,
    keep_expanded: bool,
    topics: list[TopicNode] | None = None,
) -> bool:
    """Reload `model` for `view`; True when the current paper could be selected again."""
    current = navigation.place_of(model.item(tree.currentIndex()))
    expanded = expanded_places(tree, model) if keep_expanded else []
    scroll = tree.verticalScrollBar().value()
    tree.selectionModel().blockSignals(True)
    model.set_view(keep_current(view, model.item(tree.currentIndex())), topics)
    for place in expanded:
        index = navigation.index_for(model, place)
        if index.isValid():
            tree.expand(index)
    selected = current is not None and navigation.select(tree, navigation.index_for(model, current))
    tree.selectionModel().blockSignals(False)
    if keep_expanded:
        tree.verticalScrollBar().setValue(scroll)
    return selected


def reload_virtual(tree: PaperTree, model: TreeModel) -> bool:
    """Reload after a virtual node (For you, Tags) changed, keeping the library's counts."""
    real = [t.node for t in model.topic_items() if not is_virtual(t)]
    counted = real if all(node.unread >= 0 for node in real) else None
    return reset_model(tree, model, model.view, True, counted)


def expanded_places(tree: PaperTree, model: TreeModel) -> list[navigation.Place]:
    """The topics and posts that are open now."""
    places = []
    for topic in model.topic_items():
        if not tree.isExpanded(model.index_of(topic)):
            continue
        places.append(navigation.Place(topic.node.name))
        for post in topic.posts or []:
            if tree.isExpanded(model.index_of(post)):
                places.append(navigation.Place(topic.node.name, post.node.path))
    return places
