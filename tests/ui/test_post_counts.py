"""A large library's topic lists its posts at once; their unread counts follow from the
background (post_counts.py) and stay right when a paper is read meanwhile."""

from __future__ import annotations

from pathlib import Path

from readerapp.library.tree import PostNode
from readerapp.render import RenderContext
from readerapp.render.page import render_topic
from readerapp.ui import tree_model
from readerapp.ui.tree_items import TopicItem
from readerapp.ui.tree_model import UNREAD_ROLE
from tests.ui.helpers import Opened, open_window


def _topic(window, name: str) -> TopicItem:
    return next(t for t in window.model.topic_items() if t.node.name == name)


def _unread(topic: TopicItem) -> dict[str, int]:
    return {post.node.path: post.node.unread for post in topic.posts or []}


def test_posts_are_listed_first_and_counted_in_the_background(
    qtbot, blog: Path, opened: Opened, monkeypatch
) -> None:
    monkeypatch.setattr(tree_model, "LARGE_LIBRARY", 0)  # treat the small blog as a large one
    window = open_window(qtbot, blog, opened)
    model = window.model
    nerf = _topic(window, "NeRF")
    assert nerf.posts is None  # not opened yet
    listed = model.post_nodes(nerf)
    assert [node.unread for node in listed] == [-1]  # listed, not counted yet
    post = model.index_of(nerf.posts[0])  # type: ignore[index]
    assert model.data(post, UNREAD_ROLE) == 0  # no badge meanwhile
    assert "counting" in model.data(post, tree_model.Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: list(_unread(nerf).values()) == [2], timeout=10000)
    assert nerf.posts[0].node.papers == 2  # type: ignore[index]


def test_a_paper_read_while_its_post_is_counted_is_counted_read(
    qtbot, blog: Path, opened: Opened, monkeypatch
) -> None:
    monkeypatch.setattr(tree_model, "LARGE_LIBRARY", 0)
    window = open_window(qtbot, blog, opened)
    model, store = window.model, window.store
    nerf = _topic(window, "NeRF")
    model.post_nodes(nerf)
    before = store.states(["2408.00001"])
    store.set_read(["2408.00001"], True)  # before the count arrives
    model.papers_changed(["2408.00001"], before)
    assert list(_unread(nerf).values()) == [1]  # counted at once: it holds the paper
    qtbot.wait(300)  # the background count arrives and leaves it so
    assert list(_unread(nerf).values()) == [1]


def test_a_topic_page_says_its_counts_are_coming() -> None:
    post = PostNode(1, "a.md", "T", "T", "2024-08-23", 1, True, -1, 3, 3)
    page = render_topic("T", -1, [post], RenderContext())
    assert "counting unread" in page and "-1 unread" not in page


def test_a_topic_page_shows_its_posts_counts_when_they_arrive(
    qtbot, blog: Path, opened: Opened, monkeypatch
) -> None:
    monkeypatch.setattr(tree_model, "LARGE_LIBRARY", 0)
    window = open_window(qtbot, blog, opened)
    qtbot.waitUntil(lambda: not window.runner.jobs, timeout=10000)  # the topics counted
    with qtbot.waitSignal(window.model.counts_arrived, timeout=10000):
        window.view.setCurrentIndex(window.model.index_of(_topic(window, "NeRF")))
        assert "2 papers, counting unread…" in window.viewer.toPlainText()
    assert "2 papers, 2 unread" in window.viewer.toPlainText()  # shown again as they came
