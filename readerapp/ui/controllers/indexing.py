"""Keeping the index up to date in the background: on start, when the folder changes, on
F5; a first index shows its papers batch by batch."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from readerapp.library.roots import Roots
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.watcher import LibraryWatcher
from readerapp.ui.workers import IndexResult, index_job

BUSY_RETRY_MS = 15_000


class IndexingController(Controller):
    def __init__(self, ctx: WindowContext, watcher: LibraryWatcher) -> None:
        super().__init__(ctx)
        self.watcher = watcher
        self.wanted = False  # another update was asked for while one ran
        self.asked = False  # the user asked (F5): say the answer even when nothing changed

    def reindex(self, *, asked: bool = False) -> None:
        """Update the index in the background; the tree refreshes when it is done. `asked`:
        the user asked (F5), so the answer is said even when nothing changed."""
        self.asked = self.asked or asked
        if self.ctx.runner.running("index"):
            self.wanted = True
            return
        self.wanted = False
        library, session = self.ctx.library, self.ctx.session
        if not self.ctx.is_sample:  # a source added on the command line meanwhile is read too
            library.roots = Roots(library.root, session.sources().library_sources())
        rules = None if self.ctx.is_sample else session.open_store  # rules: real libraries
        job = index_job(library.root, library.index_path, library.roots.sources, rules)
        self.ctx.runner.start(
            "index", job, self._index_finished, self.ctx.job_failed, self._index_batch
        )

    def _index_batch(self, _posts: object) -> None:
        """A first index committed more posts: show them; select a paper if none is yet."""
        self.ctx.refresh_tree()
        if self.ctx.current_item() is None:
            self.ctx.restore_position()

    def _index_finished(self, result: IndexResult) -> None:
        report = result.report
        self.watcher.watch(result.folders, result.files)
        if report.busy:  # another readerapp is indexing this library: look again in a while
            self.ctx.flash(
                "Another readerapp is updating this library's index; showing what it has"
            )
            QTimer.singleShot(BUSY_RETRY_MS, self.reindex)
            return
        if report.touched:
            self.ctx.refresh_tree()
        if self.ctx.current_item() is None:
            self.ctx.restore_position()  # first start: the index was empty until now
        if report.problems:
            self.ctx.flash(
                f"{len(report.problems)} problem(s) reading posts: Help › Library Problems", 10000
            )
        elif report.touched:
            self.ctx.flash(
                f"Library updated: {report.added} new, {report.changed} changed,"
                f" {report.removed} removed post(s)",
                6000,
            )
        elif self.asked:
            self.ctx.flash(f"The library is up to date ({report.unchanged:,} posts, none changed)")
        if result.applied:  # the watch rules acted on new papers (their rows were re-read)
            said = "; ".join(applied.describe() for applied in result.applied)
            self.ctx.flash(f"{said[0].upper()}{said[1:]} (z undoes)", 10000)
            self.ctx.update_counts()
            self.ctx.show_current(keep_scroll=True)
        self.asked = False
        if self.wanted:
            self.reindex()
        elif self.ctx.settings.get("auto_fetch_images") and not self.ctx.is_sample:
            self.ctx.fetch_images(self.ctx.library.screenshot_urls(), automatic=True)
