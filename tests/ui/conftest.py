"""A real window on a small library written for the tests, with links captured, not opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from readerapp.session import Session
from readerapp.ui.main_window import MainWindow
from tests.helpers import entry, note_post, write, write_digest


def build_blog(root: Path) -> Path:
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1", comment="Accepted to CVPR 2024"),
            entry(title="Beta Fields", arxiv="2408.00002v2", summary="Beta is about fields."),
            entry(title="Gamma Rays", arxiv="2408.00003v1"),
        ],
    )
    write_digest(
        root,
        "3DGS",
        "2024-08-22 18:00:00",
        [
            entry(title="Delta Volumes", arxiv="2408.00004v1", summary="说话人脸生成。"),
        ],
    )
    write_digest(
        root,
        "NeRF",
        "2024-08-23 09:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1"),
            entry(title="Epsilon Radiance", arxiv="2408.00005v1"),
        ],
    )
    write(root, "notes/linux.md", note_post("Shell tips", "Linux"))
    return root  # fmt: skip


@pytest.fixture(autouse=True)
def no_automatic_downloads(data_dir: Path) -> None:
    """Windows in tests never reach for the network unless a test serves images itself."""
    Session.start(data_dir).settings.set("auto_fetch_images", False)


class Opened(list):
    def __call__(self, url: QUrl) -> bool:
        self.append(url.toString())
        return True


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return build_blog(tmp_path / "blog")


def open_window(qtbot, root: Path, opened: Opened, data_dir: Path | None = None) -> MainWindow:
    session = Session.start(data_dir)
    window = MainWindow(session, root, open_url=opened, start_indexing=False)
    qtbot.addWidget(window)
    window.library.update()
    window.refresh_tree()
    window.restore_position()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # as a window manager would; window shortcuts need an active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def window(qtbot, blog: Path, opened: Opened) -> MainWindow:
    return open_window(qtbot, blog, opened)
