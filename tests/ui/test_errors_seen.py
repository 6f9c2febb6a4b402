"""A database that fails during a search is told to the user and logged, never shown as an
empty result (issue 11)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from readerapp.logsetup import setup


def test_an_unexpected_sqlite_error_in_a_search_is_seen_and_logged(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = setup(tmp_path / "logs", "info")
    assert log_file is not None

    def damaged(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(window.model, "set_view", damaged)
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search, "alpha")
    qtbot.waitUntil(lambda: "Search failed" in window.statusBar().currentMessage(), timeout=3000)
    assert "malformed" in window.statusBar().currentMessage()
    for handler in logging.getLogger("readerapp").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "search or filter failed" in text and "malformed" in text
    setup(tmp_path / "logs-off", "info")  # let go of the file
