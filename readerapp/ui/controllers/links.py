"""Links: the paper's pages in the browser (web addresses only) and `readerapp:` links."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QGuiApplication

from readerapp.links import is_web_url, parse_int
from readerapp.ui import navigation
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.controllers.screenshots import ScreenshotsController


class LinksController(Controller):
    def __init__(self, ctx: WindowContext, screenshots: ScreenshotsController) -> None:
        super().__init__(ctx)
        self.screenshots = screenshots

    def open_paper_link(self, pdf: bool) -> None:
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        paper = ctx.library.paper(paper_id) if paper_id else None
        url = (paper.pdf_link if pdf else paper.abs_url) if paper else None
        if not url:
            ctx.flash("This paper has no link")
            return
        if not is_web_url(url):
            ctx.flash(f"Not opened: only http(s) links open in the browser ({url[:80]})")
            return
        self.open_in_browser(url)

    def open_in_browser(self, url: str) -> None:
        """Open a web address; when no browser opens, say so and copy the address instead."""
        if self.ctx.open_url(QUrl(url)) is False:
            QGuiApplication.clipboard().setText(url)
            self.ctx.flash(f"No browser could be opened; the address was copied: {url}", 10000)
            return
        self.ctx.flash(f"Opened {url}")

    @command("paper.open-abstract", "Open Abstract Page", "O")
    def open_abstract(self) -> None:
        """Open the arXiv abstract page in the browser"""
        self.open_paper_link(False)

    def follow(self, url: QUrl) -> None:
        """A link clicked in the viewer: web pages in the browser, our own links here."""
        if is_web_url(url.toString()):
            self.open_in_browser(url.toString())
        elif url.scheme().lower() == "readerapp":
            self.internal(url)
        else:
            self.ctx.flash(
                f"Not opened: only http(s) links open in the browser ({url.toString()[:80]})"
            )

    def internal(self, url: QUrl) -> None:
        """`readerapp:` links inside the viewer: screenshots, papers of a post, fetching."""
        ctx = self.ctx
        target = url.path()
        if target.startswith("image/"):
            number = parse_int(target.split("/", 1)[1], 0)
            if number > 0:
                self.screenshots.open(number)
        elif target.startswith("post/"):
            path = unquote(target.split("/", 1)[1])
            index = parse_int(QUrlQuery(url).queryItemValue("index") or "-1", -1)
            post = ctx.tree_query.locate(path)
            if post is not None:
                navigation.select(ctx.view, ctx.model.entry_index(post.topic, post.path, index))
        elif target == "fetch-images":
            self.screenshots.fetch_post()
