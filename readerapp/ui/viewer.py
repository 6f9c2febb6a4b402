"""The viewer: a QTextBrowser showing rendered HTML. It never opens links itself and loads only
local images, decoded at the size they are shown.

A paper is shown in two steps: its first screen (header, summary, takeaways, abstract) at once,
the whole paper (the long analysis, the screenshots) when no other key has come for a moment
or as soon as the reader scrolls. Laying out the analysis was half of every `j`; skimming with
`j` held down now lays out only what is seen. The next paper's first screen is drawn off screen
while the reader reads this one (glyph_warmer.py), so the glyphs of its characters are ready."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QImageReader, QKeyEvent, QTextDocument
from PySide6.QtWidgets import QAbstractSlider, QFrame, QTextBrowser, QWidget

from readerapp.render.page import DOCUMENT_END, REST_MARK, split_style
from readerapp.ui.glyph_warmer import GlyphWarmer

DOCUMENT_MARGIN = 18
REST_DELAY_MS = 120  # after the first screen: longer than key repeat, too short to be seen
_IMAGE_CACHE = 48  # decoded images kept (screenshots of the last few papers)


class Viewer(QTextBrowser):
    link_activated = Signal(QUrl)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewer")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Always there: a paper's first screen and then the whole paper lay out at one width
        # (a scroll bar that came with the rest would reflow the text being read).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.anchorClicked.connect(self.link_activated.emit)
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self._whole = ""  # the whole document while only its first screen is shown
        self._style = ""  # the stylesheet the document has (see _set_page)
        self._rest_timer = QTimer(self, singleShot=True, interval=REST_DELAY_MS)
        self._rest_timer.timeout.connect(self.complete)
        self.verticalScrollBar().actionTriggered.connect(self.complete)
        self._warmer = GlyphWarmer()

    def image_width(self) -> int:
        """Pixels available to an image across the pane."""
        return max(160, self.viewport().width() - 2 * DOCUMENT_MARGIN - 12)

    def show_html(self, html: str) -> None:
        first, mark, _ = html.partition(REST_MARK)
        self._whole = html if mark else ""
        self._set_page(first + DOCUMENT_END if mark else html)
        self.verticalScrollBar().setValue(0)
        if mark:
            self._rest_timer.start()
        else:
            self._rest_timer.stop()

    def warm(self, html: str) -> bool:
        """Draw the first screen of a page that may come next off screen (glyph_warmer.py);
        True when it had characters not drawn before."""
        first, mark, _ = html.partition(REST_MARK)
        style, body = split_style(first + DOCUMENT_END if mark else html)
        size = self.viewport().size()
        font = self.document().defaultFont()
        return self._warmer.warm(body, style or self._style, font, DOCUMENT_MARGIN, size)

    def complete(self) -> None:
        """The whole document now, where the reader is (a scroll, a position to restore)."""
        if not self._whole:
            return
        self._rest_timer.stop()
        bar = self.verticalScrollBar()
        scroll = bar.value()
        html, self._whole = self._whole, ""
        self._set_page(html)
        bar.setValue(scroll)

    def _set_page(self, html: str) -> None:
        """setHtml, with the page's stylesheet given to the document when it changes (a theme,
        a zoom) rather than parsed again from every page: 0.4 ms of each `j`, the same
        document (their toHtml() compared)."""
        style, html = split_style(html)
        if style and style != self._style:
            self.document().setDefaultStyleSheet(style)
            self._style = style
        self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Local images only, decoded straight to the size shown (fast for big screenshots)."""
        url = name if isinstance(name, QUrl) else QUrl(name)
        if kind != QTextDocument.ResourceType.ImageResource.value or not url.isLocalFile():
            if url.scheme() in ("http", "https"):
                return None  # never the network
            return super().loadResource(kind, name)
        path = url.toLocalFile()
        width = self.image_width()
        key = (path, width)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        reader = QImageReader(path)
        size = reader.size()
        if size.isValid() and size.width() > width:
            reader.setScaledSize(QSize(width, round(size.height() * width / size.width())))
        image = reader.read()
        if image.isNull():
            return None
        self._images[key] = image
        while len(self._images) > _IMAGE_CACHE:
            self._images.popitem(last=False)
        return image

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def at_bottom(self) -> bool:
        self.complete()  # the bottom of the whole paper, not of its first screen
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def page(self, forward: bool) -> None:
        action = (
            QAbstractSlider.SliderAction.SliderPageStepAdd
            if forward
            else QAbstractSlider.SliderAction.SliderPageStepSub
        )
        self.verticalScrollBar().triggerAction(action)
