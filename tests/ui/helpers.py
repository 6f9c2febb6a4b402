"""Window helpers for the UI tests: a real window on a library, links captured, not opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QUrl

from readerapp.session import Session
from readerapp.ui.main_window import MainWindow


class Opened(list):
    def __call__(self, url: QUrl) -> bool:
        self.append(url.toString())
        return True


def open_window(
    qtbot,
    root: Path,
    opened: Opened,
    data_dir: Path | None = None,
    pdf_on_star: bool | None = False,
) -> MainWindow:
    session = Session.start(data_dir)
    if pdf_on_star is not None:  # off unless a test asks: a star would go to arxiv.org
        session.settings.set("pdf_on_star", pdf_on_star)
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


def shown_paper_ids(window: MainWindow) -> set[str]:
    """Every paper the tree shows, walked through the model's public (Qt) interface."""
    model = window.model
    found: set[str] = set()

    def walk(parent) -> None:
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            node = model.item(index).node
            if hasattr(node, "paper_id"):
                found.add(node.paper_id)
            walk(index)

    walk(QModelIndex())
    return found
