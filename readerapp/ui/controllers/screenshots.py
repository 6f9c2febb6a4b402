"""Screenshots: open one large, fetch those of a post or of the library, the automatic pass."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer

from readerapp.images.fetch import PassSummary
from readerapp.ui.commands import CommandRegistry, command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.image_viewer import ImageViewer, Shot
from readerapp.ui.tree_items import EntryItem
from readerapp.ui.workers import fetch_job


class ScreenshotsController(Controller):
    image_viewer: ImageViewer | None = None  # the last one opened

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.arrived: set[str] = set()
        # Arrivals are shown in batches: one re-render per 300 ms, not one per image.
        self.arrival_timer = QTimer(ctx.widget(), singleShot=True, interval=300)
        self.arrival_timer.timeout.connect(self.show_arrivals)

    def fetch(self, urls: list[str], *, automatic: bool, retry_failed: bool = False) -> None:
        """Download screenshots in the background; the viewer updates as they arrive."""
        ctx = self.ctx
        if ctx.runner.running("fetch"):
            if not automatic:
                ctx.flash("Screenshots are already downloading")
            return
        job = fetch_job(
            ctx.session.locations.images_dir,
            urls,
            policy=ctx.session.image_keep_policy(ctx.library, ctx.store),
            retry_failed=retry_failed,
            automatic=automatic,
        )
        ctx.runner.start("fetch", job, self._finished, ctx.job_failed, self._arrived)

    def _arrived(self, url: object) -> None:
        self.arrived.add(str(url))
        if not self.arrival_timer.isActive():
            self.arrival_timer.start()

    def show_arrivals(self) -> None:
        """Re-render the current paper if one of its screenshots just arrived."""
        ctx = self.ctx
        arrived, self.arrived = self.arrived, set()
        paper_id = ctx.current_paper_id()
        paper = ctx.library.paper(paper_id) if paper_id else None
        ctx.forget_rendered()
        if paper and arrived & set(paper.screenshots):
            ctx.show_current(keep_scroll=True)

    def _finished(self, summary: PassSummary) -> None:
        self.show_arrivals()
        if summary.fetched or summary.failed:
            failed = summary.failed.total()
            self.ctx.flash(
                f"Screenshots: {summary.fetched} downloaded"
                + (f", {failed} failed" if failed else ""),
                8000,
            )

    def register(self, registry: CommandRegistry) -> None:
        for number in range(1, 10):
            registry.add(
                f"paper.screenshot-{number}",
                f"Screenshot {number}",
                str(number),
                f"Open screenshot {number} large",
                "Paper",
                partial(self.open, number),
                submenu="Screenshots",
            )

    def shots(self) -> tuple[list[Shot], str] | None:
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        paper = ctx.library.paper(paper_id) if paper_id else None
        if paper is None:
            return None
        item = ctx.current_item()
        path = item.parent.node.path if isinstance(item, EntryItem) else paper.posts[0].path
        base = ctx.library.roots.file(path).parent
        return [
            Shot(number, info.path, info.reason)
            for number, info in (
                (n, ctx.images(url, base)) for n, url in enumerate(paper.screenshots, 1)
            )
        ], paper.title

    def open(self, number: int) -> None:
        found = self.shots()
        if found is None:
            self.ctx.flash("Select a paper first")
            return
        shots, title = found
        if not 1 <= number <= len(shots):
            self.ctx.flash(f"This paper has {len(shots)} screenshot(s)")
            return
        self.image_viewer = ImageViewer(shots, number - 1, title, self.ctx.widget())
        self.image_viewer.open()

    @command("file.fetch-all", "Fetch All Screenshots")
    def fetch_all(self) -> None:
        """Download every screenshot not cached yet, newest posts first"""
        self.fetch(self.ctx.library.screenshot_urls(), automatic=False)

    @command("paper.fetch-screenshots", "Fetch Screenshots of This Post", "Shift+F")
    def fetch_post(self) -> None:
        """Download this post's screenshots now (failed ones too)"""
        post = self.current_post()
        if post is None:
            return
        urls = self.ctx.library.screenshot_urls(post.node.path)
        self.fetch(urls, automatic=False, retry_failed=True)
        self.ctx.flash(f"Fetching {len(urls)} screenshot(s) of this post…")

    @command("view.auto-fetch", "Download Screenshots Automatically", checkable=True)
    def toggle_auto_fetch(self) -> None:
        """After indexing, fetch missing screenshots in the background"""
        self.toggle_setting(
            "auto_fetch_images",
            "Screenshots download after indexing",
            "Screenshots download only when asked (Shift+F, File › Fetch All Screenshots)",
        )
