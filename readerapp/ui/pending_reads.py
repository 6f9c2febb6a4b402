"""Papers opened with `mark_read` = immediately are marked read right after the frame that
shows them, not before it: the store's commit (an fsync) and the counts it changes in the tree
then cost the next frame nothing. Every other change of state first writes what is pending, so
the order of the reader's keys is kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class PendingReads:
    def __init__(self, parent: QObject, mark_read: Callable[[list[str]], None]) -> None:
        self._ids: list[str] = []
        self._mark_read = mark_read
        self._timer = QTimer(parent, singleShot=True, interval=0)  # after the frame's paint
        self._timer.timeout.connect(self.flush)

    def add(self, paper_id: str) -> None:
        if paper_id not in self._ids:
            self._ids.append(paper_id)
        self._timer.start()

    def flush(self) -> None:
        """Mark what is pending now."""
        self._timer.stop()
        if self._ids:
            ids, self._ids = self._ids, []
            self._mark_read(ids)
