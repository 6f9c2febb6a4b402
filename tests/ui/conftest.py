"""Fixtures: a real window on the shared test blog, links captured, not opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from readerapp.session import Session
from readerapp.ui.main_window import MainWindow
from tests.helpers import build_blog
from tests.ui.helpers import Opened, open_window


@pytest.fixture(autouse=True)
def no_automatic_downloads(data_dir: Path) -> None:
    """Windows in tests never reach for the network unless a test serves images itself."""
    Session.start(data_dir).settings.set("auto_fetch_images", False)


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    return build_blog(tmp_path / "blog")


@pytest.fixture
def window(qtbot, blog: Path, opened: Opened) -> MainWindow:
    return open_window(qtbot, blog, opened)
