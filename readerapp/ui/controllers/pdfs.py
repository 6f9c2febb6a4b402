"""PDFs for the plane (issue 16): starring a paper saves its PDF in the background (setting
`pdf_on_star`), Shift+O opens the saved file when there is one (else the PDF online), and the
viewer's header says "PDF saved" or why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from readerapp.images.cache import ImageCache
from readerapp.store import PaperState
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.controllers.links import LinksController
from readerapp.ui.workers import Job, JobContext

JOB = "pdfs"


class PdfController(Controller):
    def __init__(self, ctx: WindowContext, links: LinksController) -> None:
        super().__init__(ctx)
        self.links = links
        self._cache: ImageCache | None = None
        self._status: dict[str, str] = {}  # paper id -> what the viewer says (until a fetch)
        self.queued: list[str] = []  # starred while a fetch ran: fetched next

    @property
    def cache(self) -> ImageCache:
        if self._cache is None:
            self._cache = self.ctx.session.open_pdf_cache()
        return self._cache

    def _lookup(self, paper_id: str) -> tuple[Path | None, str]:
        from readerapp.images.pdfs import key_of, pdf_status

        fields = self.ctx.library.pdf_fields(paper_id)
        return pdf_status(self.cache, key_of(*fields)) if fields else (None, "")

    def status(self, paper_id: str) -> str:
        """What the viewer says: PDF saved, or why not (read again after each fetch)."""
        if paper_id not in self._status:
            self._status[paper_id] = self._lookup(paper_id)[1]
        return self._status[paper_id]

    def saved_file(self, paper_id: str) -> str | None:
        path = self._lookup(paper_id)[0]
        return str(path) if path else None

    # -- fetching ------------------------------------------------------------------------------

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        """A paper starred just now: save its PDF, when the setting says so."""
        ctx = self.ctx
        if ctx.is_sample or not ctx.settings.get("pdf_on_star"):
            return
        now = ctx.store.states(ids)
        starred = [
            i
            for i in ids
            if now.get(i, PaperState()).starred and not before.get(i, PaperState()).starred
        ]
        if starred:
            self.fetch(starred, automatic=True)

    @command("paper.save-pdf", "Save PDF for Offline Reading")
    def save_current(self) -> None:
        """Download the current paper's PDF now (also done when it is starred)"""
        paper_id = self.ctx.current_paper_id()
        if paper_id is None:
            self.ctx.flash("Select a paper first")
            return
        self.fetch([paper_id], automatic=False)

    def fetch(self, paper_ids: list[str], *, automatic: bool) -> None:
        ctx = self.ctx
        if ctx.runner.running(JOB):
            self.queued += paper_ids
            return
        folder = ctx.session.locations.pdfs_dir
        papers = ctx.library.papers(paper_ids)
        mirror = ctx.settings.get("arxiv_mirror")
        policy = ctx.session.pdf_keep_policy(ctx.library, ctx.store)

        def work(context: JobContext) -> object:
            from readerapp.images.pdfs import fetch_pdfs, open_cache

            cache = open_cache(folder)  # its own connection, in this thread
            try:
                summary = fetch_pdfs(
                    cache,
                    papers,
                    mirror=mirror,
                    retry_failed=not automatic,
                    automatic=automatic,
                    progress=context.progress,
                    cancelled=context.cancelled,
                )
                policy.apply(cache)
                return summary
            finally:
                cache.close()

        ctx.runner.start(JOB, Job("Saving PDFs", work), self._fetched, self._failed)

    def _fetched(self, summary) -> None:
        self._status.clear()
        ctx = self.ctx
        if summary.failed:
            reason = next(iter(summary.failed.values()))
            ctx.flash(f"PDF not saved: {reason}", 10000)
        elif summary.fetched:
            ctx.flash(f"Saved {summary.fetched} PDF(s) for reading offline (Shift+O opens one)")
        ctx.show_current(keep_scroll=True)
        if self.queued:
            queued, self.queued = self.queued, []
            self.fetch(queued, automatic=True)

    def _failed(self, message: str) -> None:
        self.queued = []
        self.ctx.job_failed(message)

    # -- opening -------------------------------------------------------------------------------

    @command("paper.open-pdf", "Open PDF", "Shift+O")
    def open_pdf(self) -> None:
        """Open the saved PDF (offline), else the PDF in the browser"""
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        saved = self.saved_file(paper_id) if paper_id else None
        if saved is None:
            self.links.open_paper_link(True)
            return
        if ctx.open_url(QUrl.fromLocalFile(saved)) is False:
            ctx.flash(f"No PDF viewer could be opened for {saved}", 10000)
            return
        ctx.flash(f"Opened the saved PDF {saved}")
