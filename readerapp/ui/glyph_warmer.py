"""Glyphs drawn before they are needed: the next paper's first screen painted off screen while
the reader looks at this one, so the `j` that shows it does not wait for FreeType to load the
characters it has not drawn yet (a Chinese page brings dozens). Qt's raster engine keeps one
glyph cache per font, shared by every image and window it paints."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument


class _NoResources(QTextDocument):
    """A document that loads no image: warming is about text, and a screenshot would cost
    more to decode than the glyphs save."""

    def loadResource(self, kind: int, name: object) -> object:
        return None


class GlyphWarmer:
    def __init__(self) -> None:
        self._drawn: set[str] = set()  # characters already painted with `_looks`
        self._looks: tuple = ()  # the stylesheet, font and width they were painted with

    def warm(self, body: str, style: str, font: QFont, margin: float, size: QSize) -> bool:
        """Paint `body` (a page's HTML without its stylesheet) as the viewer would, unless
        every character in it was painted before in the same looks; True when it painted."""
        looks = (style, font.key(), size.width())
        if looks != self._looks:
            self._drawn.clear()
            self._looks = looks
        new = set(body) - self._drawn
        if not new:
            return False
        document = _NoResources()
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(style)
        document.setDocumentMargin(margin)
        document.setHtml(body)
        document.setTextWidth(size.width())
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        document.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        self._drawn |= new
        return True
