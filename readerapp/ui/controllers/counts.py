"""The counts in the status bar (papers, unread, starred): counted from scratch when the tree
changes (in the background for large libraries), adjusted by the difference on each change."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from readerapp.store import PaperState
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.workers import Counts, counts_job


class CountsController(Controller):
    def __init__(self, ctx: WindowContext, label: QLabel) -> None:
        super().__init__(ctx)
        self.label = label
        self.generation = 0
        self.stale = False  # a change happened while counting: count again when done
        self.totals: tuple[int, int, int] | None = None

    def library_changed(self) -> None:
        self.update()

    def update(self) -> None:
        """Count from scratch. Large libraries count in the background."""
        ctx = self.ctx
        self.generation += 1
        self.stale = False
        if not ctx.model.counts_pending:
            self.totals = ctx.tree_query.totals()
            self.show()
            return
        self.totals = None
        self.show()
        generation = self.generation
        library = ctx.library
        job = counts_job(library.root, library.index_path, ctx.store.path, ctx.model.view)
        ctx.runner.start(
            f"counts-{generation}",
            job,
            lambda counts: self._ready(generation, counts),
            ctx.job_failed,
        )

    def _ready(self, generation: int, counts: Counts) -> None:
        if generation != self.generation:
            return  # the tree changed since: a newer count is on its way
        if self.stale:
            self.update()
            return
        self.ctx.model.apply_topic_counts(counts.topics)
        self.totals = counts.totals
        self.show()

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        """After a change of these papers: move the totals by the difference."""
        if self.totals is None:
            self.stale = True  # counted in the background right now: count again after
            return
        after = self.ctx.store.states(ids)
        papers, unread, starred = self.totals
        for paper_id in ids:
            old = before.get(paper_id, PaperState())
            new = after.get(paper_id, PaperState())
            if (old.read, old.starred) != (new.read, new.starred) and self.ctx.library.has_paper(
                paper_id
            ):
                unread += int(old.read) - int(new.read)
                starred += int(new.starred) - int(old.starred)
        self.totals = (papers, unread, starred)
        self.show()

    def show(self) -> None:
        if self.totals is None:
            self.label.setText("counting…")
            return
        papers, unread, starred = self.totals
        self.label.setText(f"{papers:,} papers · {unread:,} unread · {starred:,} starred")
