"""Links from a post never reach the system opener unless they are web pages (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from readerapp.session import Session
from readerapp.store import schema
from readerapp.ui import app
from tests.helpers import entry, write_digest
from tests.ui.helpers import Opened, open_window


def _blog_with_pdf_url(root: Path, url: str) -> Path:
    text = entry(title="Hostile Link", arxiv=None).replace("## Hostile Link", "## Hostile Link")
    text = text.replace("Abstract of Hostile Link.", f"Abstract.\n\n[PDF]({url})")
    write_digest(root, "A", "2024-08-23 10:00:00", [text])
    return root


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "smb://host/x"])
def test_o_and_shift_o_refuse_other_schemes(qtbot, tmp_path: Path, url: str) -> None:
    opened = Opened()
    window = open_window(qtbot, _blog_with_pdf_url(tmp_path / "blog", url), opened)
    assert window.current_paper_id() is not None
    qtbot.keyClick(window.view, Qt.Key.Key_O)
    qtbot.keyClick(window.view, Qt.Key.Key_O, Qt.KeyboardModifier.ShiftModifier)
    assert opened == []
    assert "Not opened" in window.statusBar().currentMessage()
    assert url not in window.viewer.toHtml()  # not offered as a link either


def test_a_broken_internal_link_does_nothing(qtbot, window, opened) -> None:
    window.follow_link(QUrl("readerapp:image/notanint"))
    window.follow_link(QUrl("readerapp:post/x?index=notanint"))
    assert opened == []


def test_a_state_file_from_a_newer_version_is_told_in_a_dialog(
    qtbot, blog: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session.start(data_dir)
    store = session.open_store()
    store.conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    store.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.run_window(Session.start(data_dir), str(blog)) == 2
    (text,) = shown
    assert "newer readerapp" in text
