"""Git sources in the window (issue 16): pulled in the background at start when the last pull
is older than the setting, and on F5 (with a Cancel button and progress); what arrived is
said in the status bar once it is indexed, a failure in one line. Reading never waits."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.workers import Job, JobContext

PULL = "pull"  # the job's name


class SourcesController(Controller):
    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.pending: list = []  # pulls whose posts the index has not taken yet (Pulled)
        self.last_message = ""

    def _git_sources(self) -> bool:
        from readerapp.sources.registry import GIT

        return not self.ctx.is_sample and any(
            s.kind == GIT for s in self.ctx.session.sources().items
        )

    @command("file.reload", "Pull and Reload Library", ["F5", "Ctrl+R"])
    def reload(self) -> None:
        """Pull the git sources (in the background), then re-read changed posts"""
        if self._git_sources():
            self.pull(asked=True)
        else:
            self.ctx.reindex(asked=True)

    def pull_if_due(self) -> None:
        """At start: pull when a git source was not pulled for `pull_interval_hours`."""
        from readerapp.sources.pull import is_due

        hours = float(self.ctx.settings.get("pull_interval_hours") or 0)
        if self._git_sources() and is_due(self.ctx.session.sources(), hours):
            self.pull()

    def pull(self, *, asked: bool = False) -> None:
        ctx = self.ctx
        if ctx.runner.running(PULL):
            ctx.flash("Already pulling the sources")
            return
        sources = ctx.session.sources()

        def work(context: JobContext) -> list:
            from readerapp.sources.pull import pull_all

            return pull_all(sources, cancelled=context.cancelled, progress=context.progress)

        ctx.runner.start(PULL, Job("Pulling sources", work), self._pulled, ctx.job_failed)
        if asked:
            ctx.flash("Pulling the sources…")

    def _pulled(self, results: list) -> None:
        ctx = self.ctx
        failed = [r for r in results if not r.ok]
        for pulled in failed:
            self.last_message = f"Pull of {pulled.name} failed: {pulled.error}"
            ctx.flash(self.last_message, 15000)
        arrived = [r for r in results if r.ok and (r.new_posts or r.changed or r.removed)]
        self.pending += arrived
        if arrived or not failed:
            ctx.reindex(asked=not failed)

    def library_changed(self) -> None:
        """After an index: say what the pulls brought (once the posts are in the index)."""
        if not self.pending:
            return
        from readerapp.sources.pull import describe

        library = self.ctx.library
        lines = [describe(p, len(library.new_papers(p.indexed_paths()))) for p in self.pending]
        self.pending = []
        self.last_message = "; ".join(lines)
        # After the index's own "Library updated" line, which this one says better.
        QTimer.singleShot(0, lambda: self.ctx.flash(self.last_message, 10000))
