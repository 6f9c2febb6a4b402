"""Screenshots in the window: background download after indexing, the viewer updating, the
image viewer, and fetching one post on demand. Against a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from readerapp.session import Session
from readerapp.ui.main_window import MainWindow
from tests.helpers import entry, write_digest
from tests.images.server import ImageServer
from tests.ui.helpers import Opened


@pytest.fixture
def server() -> Iterator[ImageServer]:
    with ImageServer(stall_seconds=0.2) as running:
        yield running


def blog_with_images(root: Path, server: ImageServer) -> Path:
    shots = (server.url("/img/first.png"), server.url("/missing/second.png"))
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1", screenshots=shots),
            entry(
                title="Beta Fields",
                arxiv="2408.00002v1",
                screenshots=(server.url("/gif/b.gif"),),
            ),
        ],
    )
    return root


def test_screenshots_download_in_the_background_and_the_viewer_updates(
    qtbot, server: ImageServer, tmp_path: Path, data_dir: Path
) -> None:
    root = blog_with_images(tmp_path / "blog", server)
    Session.start().settings.set("auto_fetch_images", True)
    window = MainWindow(Session.start(), root, open_url=Opened())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.current_paper_id() == "2408.00001", timeout=10000)

    def shown() -> str:
        return window.presenter.cache.get(window.presenter.shown_key, "")

    # The two answers may arrive in different batches: wait for both.
    qtbot.waitUntil(lambda: "file://" in shown() and "404" in shown(), timeout=15000)
    html = shown()
    assert "failed: 404 Not Found" in html  # the second screenshot, with the reason
    assert server.hits["/img/first.png"] == 1 and server.hits["/gif/b.gif"] == 1
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert not window.screenshots.image_viewer.view.item.pixmap().isNull()
    qtbot.keyClick(window.screenshots.image_viewer, Qt.Key.Key_Right)
    assert "404" in window.screenshots.image_viewer.caption.text()
    qtbot.keyClick(window.screenshots.image_viewer, Qt.Key.Key_Escape)


def test_fetch_this_post_on_demand_retries_failures(
    qtbot, server: ImageServer, tmp_path: Path
) -> None:
    from tests.ui.helpers import open_window

    root = blog_with_images(tmp_path / "blog", server)
    window = open_window(qtbot, root, Opened())
    # The screenshots follow the paper's first screen when no key comes for a moment.
    qtbot.waitUntil(lambda: "not downloaded yet" in window.viewer.toPlainText(), timeout=3000)
    assert server.hits["/img/first.png"] == 0  # nothing automatic: the setting is off
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.runner.running("fetch"), timeout=15000)
    assert server.hits["/img/first.png"] == 1 and server.hits["/gif/b.gif"] == 1
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.runner.running("fetch"), timeout=15000)
    assert server.hits["/missing/second.png"] == 2  # asked again: failures are retried
    assert server.hits["/img/first.png"] == 1  # cached once
