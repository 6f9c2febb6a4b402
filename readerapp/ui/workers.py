"""Long work off the UI thread: QRunnables on the global QThreadPool that report through signals
and can be cancelled, and the status-bar widget that shows them."""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from readerapp.images.cache import ImageCache, KeepPolicy
from readerapp.images.fetch import PassSummary, run_pass
from readerapp.library.changes import UpdateReport
from readerapp.library.library import Library
from readerapp.library.tree import PostNode, TopicNode, Tree, View
from readerapp.logsetup import get_logger
from readerapp.rules import Applied
from readerapp.store import StateStore
from readerapp.ui.watcher import watch_list

log = get_logger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, label
    item = Signal(object)  # a partial result (an image that arrived)
    finished = Signal(object)  # the result
    failed = Signal(str)


class JobContext:
    """What a job's work function gets: report progress and items, check for cancel."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._last_report = 0.0

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self._last_report > 0.05:  # ~20 updates a second at most
            self._last_report = now
            self._job.emit(self._job.signals.progress, done, total, self._job.label)

    def item(self, value: object) -> None:
        self._job.emit(self._job.signals.item, value)

    def cancelled(self) -> bool:
        return self._job.cancelled


class Job(QRunnable):
    def __init__(self, label: str, work: Callable[[JobContext], object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.label = label
        self.signals = WorkerSignals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @staticmethod
    def emit(signal, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window that asked has closed meanwhile
            signal.emit(*args)

    def run(self) -> None:
        try:
            result = self._work(JobContext(self))
        except Exception as error:  # reported to the user; the window stays up
            log.exception("%s failed", self.label)
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            self.emit(self.signals.failed, f"{self.label} failed: {detail}")
            return
        self.emit(self.signals.finished, result)


class JobRunner(QWidget):
    """Runs named jobs (one of each name at a time) and shows their progress with a Cancel
    button in the status bar while any of them reports progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self.jobs: dict[str, Job] = {}
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_all)
        # A click must not take the keyboard away from the tree (j/k go on working).
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def running(self, name: str) -> bool:
        return name in self.jobs

    def start(
        self,
        name: str,
        job: Job,
        finished: Callable[[Any], None],
        failed: Callable[[str], None],
        item: Callable[[Any], None] | None = None,
    ) -> None:
        """`finished` gets what the job's work returned (its type is the job's to say)."""

        def done(result: object) -> None:
            self._forget(name)
            finished(result)

        def fail(message: str) -> None:
            self._forget(name)
            failed(message)

        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(done)
        job.signals.failed.connect(fail)
        if item is not None:
            job.signals.item.connect(item)
        self.jobs[name] = job  # also keeps its signals alive until they are delivered
        self.pool.start(job)

    def cancel_all(self) -> None:
        for job in self.jobs.values():
            job.cancel()

    def wait(self, milliseconds: int = 5000) -> None:
        self.cancel_all()
        self.pool.waitForDone(milliseconds)

    def _progress(self, done: int, total: int, label: str) -> None:
        if total <= 0:
            return
        self.bar.setMaximum(total)
        self.bar.setValue(done)
        self.bar.setFormat(f"{label} %v/%m")
        self.show()

    def _forget(self, name: str) -> None:
        self.jobs.pop(name, None)
        if not any(name in self.jobs for name in ("index", "fetch", "pull", "pdfs")):
            self.hide()


# -- the jobs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexResult:
    report: UpdateReport
    folders: list[str]  # to watch (found off the UI thread)
    files: list[str]
    applied: list[Applied] = field(default_factory=list)  # what the watch rules did


def index_job(
    root: Path,
    index_path: Path,
    sources: tuple[tuple[str, Path], ...] = (),
    store: Callable[[], StateStore] | None = None,
) -> Job:
    """Bring the index up to date on its own connection (WAL lets the window keep reading);
    `sources`: the library's other posts folders (roots.py); `store` opens the state store
    for the watch rules (rules.py), which look at the papers new to the index."""

    def work(context: JobContext) -> IndexResult:
        library = Library(root, index_path, sources)
        applied: list[Applied] = []
        try:
            # A first index reports each committed batch: the window shows it at once.
            report = library.update(context.progress, context.cancelled, on_batch=context.item)
            if store is not None and report.touched and not report.cancelled:
                from readerapp.rules import apply_rules

                state = store()
                library.tag_lookup = state.ids_tagged  # a rule's `tag:NAME`
                try:
                    applied = apply_rules(library, state)
                finally:
                    state.close()
        finally:
            library.close()
        folders, files = watch_list(root)
        return IndexResult(report, folders, files, applied)

    return Job("Indexing posts", work)


@dataclass(frozen=True)
class Counts:
    topics: list[TopicNode]
    totals: tuple[int, int, int]


def counts_job(root: Path, index_path: Path, state_path: Path, view: View) -> Job:
    """Unread counts of every topic and the totals, for large libraries (seconds of SQL)."""

    def work(_context: JobContext) -> Counts:
        library = Library(root, index_path)
        try:
            tree = Tree(library, state_path)
            return Counts(tree.topics(view), tree.totals())
        finally:
            library.close()

    return Job("Counting unread papers", work)


def post_counts_job(root: Path, index_path: Path, state_path: Path, topic: str) -> Job:
    """The unread counts of a topic's posts (a large library's tree lists them first)."""

    def work(_context: JobContext) -> list[PostNode]:
        library = Library(root, index_path)
        try:
            return Tree(library, state_path).posts(topic)
        finally:
            library.close()

    return Job("Counting unread papers", work)


def fetch_job(
    images_dir: Path,
    urls: list[str],
    *,
    policy: KeepPolicy,
    retry_failed: bool,
    automatic: bool,
) -> Job:
    """Download missing screenshots (newest posts first); each arrival is reported as an item
    so the viewer can show it; then keep the cache under its size limit."""

    def work(context: JobContext) -> PassSummary:
        cache = ImageCache(images_dir)
        try:
            summary = run_pass(
                cache,
                urls,
                retry_failed=retry_failed,
                automatic=automatic,
                progress=context.progress,
                cancelled=context.cancelled,
                on_image=context.item,
            )
            policy.apply(cache)
            return summary
        finally:
            cache.close()

    return Job("Downloading screenshots", work)
