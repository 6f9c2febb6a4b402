"""Paper, post and note pages as HTML for the viewer (QTextBrowser's HTML subset)."""

from readerapp.render.images import ImageInfo, ImageLookup, LocalImages
from readerapp.render.page import (
    RenderContext,
    render_message,
    render_note_post,
    render_paper,
    render_post,
)

__all__ = [
    "ImageInfo",
    "ImageLookup",
    "LocalImages",
    "RenderContext",
    "render_message",
    "render_note_post",
    "render_paper",
    "render_post",
]
