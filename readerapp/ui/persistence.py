"""What the window remembers between runs: geometry, splitter sizes, the last paper."""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex
from PySide6.QtGui import QGuiApplication

from readerapp.ui import navigation

if TYPE_CHECKING:
    from readerapp.ui.context import WindowContext


def restore_position(window: WindowContext) -> None:
    """The last selected paper; with a fresh data dir, the first paper in tree order."""
    saved = window.settings.get("last_position")
    place = navigation.Place.from_setting(saved)
    index = QModelIndex()
    if place is not None and saved.get("library") == str(window.library.root):
        post = window.tree_query.locate(place.path) if place.path else None
        if post is not None:
            index = navigation.index_for(window.model, replace(place, topic=post.topic))
        elif place.paper_id:
            found = window.tree_query.first_place_of(place.paper_id)
            if found:
                post = window.tree_query.locate(found[0])
                if post is not None:
                    index = window.model.entry_index(post.topic, post.path, found[1])
    if not index.isValid():
        first = window.tree_query.step(navigation.position_of(None, window.tree_query, True), True)
        if first is not None:
            navigation.select_entry(window.view, window.model, window.tree_query, first)
            return
    navigation.select(window.view, index)


def restore_layout(window: WindowContext) -> None:
    geometry = window.settings.get("window_geometry")
    if geometry:
        window.widget().restoreGeometry(QByteArray(base64.b64decode(geometry)))
    else:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is not None:
            width, height = available.width() - 80, available.height() - 80
            window.widget().resize(min(1440, width), min(900, height))
    for splitter, key in (
        (window.main_split, "main_splitter"),
        (window.right_split, "right_splitter"),
    ):
        sizes = window.settings.get(key)
        if isinstance(sizes, list) and all(isinstance(s, int) for s in sizes):
            splitter.setSizes(sizes)
        elif splitter is window.main_split:
            splitter.setSizes([420, 1020])
        else:
            splitter.setSizes([760, 120])


def save_layout(window: WindowContext) -> None:
    values: dict[str, object] = {
        "window_geometry": base64.b64encode(window.widget().saveGeometry().data()).decode(),
        "main_splitter": window.main_split.sizes(),
        "right_splitter": window.right_split.sizes(),
    }
    place = window.last_place
    if place and place.path:
        values["last_position"] = place.as_setting(str(window.library.root))
    window.settings.update(values)
