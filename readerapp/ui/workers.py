"""Long work off the UI thread: QRunnables on the global QThreadPool that report through signals
and can be cancelled."""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from readerapp.library.indexer import UpdateReport
from readerapp.library.library import Library
from readerapp.library.tree import TopicNode, Tree, View
from readerapp.ui.watcher import watch_list


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, label
    finished = Signal(object)  # the result
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work(progress, cancelled)` in the pool; progress is throttled to ~20 updates/s."""

    def __init__(
        self, label: str, work: Callable[[Callable[[int, int], None], Callable[[], bool]], object]
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.label = label
        self.signals = WorkerSignals()
        self._work = work
        self._cancel = threading.Event()
        self._last_report = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last_report > 0.05:
            self._last_report = now
            self._emit(self.signals.progress, done, total, self.label)

    @staticmethod
    def _emit(signal, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window that asked has closed meanwhile
            signal.emit(*args)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except Exception as error:  # reported to the user; the window stays up
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            self._emit(self.signals.failed, f"{self.label} failed: {detail}")
            return
        self._emit(self.signals.finished, result)


@dataclass(frozen=True)
class IndexResult:
    report: UpdateReport
    folders: list[str]  # to watch (found off the UI thread)
    files: list[str]


def index_job(root: Path, index_path: Path) -> Job:
    """Bring the index up to date on its own connection (WAL lets the window keep reading)."""

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> IndexResult:
        library = Library(root, index_path)
        try:
            report = library.update(progress, cancelled)
        finally:
            library.close()
        folders, files = watch_list(root)
        return IndexResult(report, folders, files)

    return Job("Indexing posts", work)


@dataclass(frozen=True)
class Counts:
    topics: list[TopicNode]
    totals: tuple[int, int, int]


def counts_job(root: Path, index_path: Path, state_path: Path, view: View) -> Job:
    """Unread counts of every topic and the totals, for large libraries (seconds of SQL)."""

    def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Counts:
        library = Library(root, index_path)
        try:
            tree = Tree(library, state_path)
            return Counts(tree.topics(view), tree.totals())
        finally:
            library.close()

    return Job("Counting unread papers", work)
